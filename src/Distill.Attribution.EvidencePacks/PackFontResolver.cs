using PdfSharp.Fonts;
using PdfSharp.WPFonts;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// Resolves every font of the report to the Segoe WP faces that ship inside the PDFsharp package, so the PDF
/// needs no system font and is byte-identical on every machine (PDFsharp's Core build finds no fonts on Linux).
/// </summary>
internal sealed class PackFontResolver : IFontResolver
{
    private const string Regular = "SegoeWP";
    private const string Bold = "SegoeWP-Bold";
    private static readonly Lock InstallLock = new();
    private static bool installed;

    /// <summary>PDFsharp wants its font resolver set once per process, before any document or font is made.</summary>
    public static void Install()
    {
        lock (InstallLock)
        {
            if (!installed)
            {
                GlobalFontSettings.FontResolver = new PackFontResolver();
                installed = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? Bold : Regular);

    public byte[]? GetFont(string faceName) => faceName == Bold ? FontDataHelper.SegoeWPBold : FontDataHelper.SegoeWP;
}
