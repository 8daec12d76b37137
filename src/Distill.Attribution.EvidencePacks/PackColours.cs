namespace Distill.Attribution.EvidencePacks;

/// <summary>The drawing's colours, one definition for graph.svg, the PDF drawing and both legends, so they always match.</summary>
internal static class PackColours
{
    public const string MemberHex = "#2e86c1";
    public const string MatchedHex = "#c0392b";
    public const string ValueHex = "#7f8c8d";
    public const string MemberLinkHex = "#1f4e79";
    public const string ValueLinkHex = "#9aa5b1";

    public static (byte R, byte G, byte B) Rgb(string hex) =>
        (Convert.ToByte(hex[1..3], 16), Convert.ToByte(hex[3..5], 16), Convert.ToByte(hex[5..7], 16));
}
