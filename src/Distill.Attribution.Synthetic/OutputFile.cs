using System.IO.Compression;

namespace Distill.Attribution.Synthetic;

/// <summary>Opens an output file, plain or gzip-compressed (<c>NAME.gz</c>, fastest level, one member).</summary>
internal static class OutputFile
{
    public static string NameOf(string path, bool gzip) => gzip ? path + ".gz" : path;

    public static Stream Create(string path, bool gzip, int bufferSize)
    {
        var file = new FileStream(NameOf(path, gzip), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize);
        return gzip ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: false) : file;
    }
}
