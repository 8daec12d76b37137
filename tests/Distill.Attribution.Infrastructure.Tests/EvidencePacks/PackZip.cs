using System.IO.Compression;
using Distill.Attribution.EvidencePacks;

namespace Distill.Attribution.Infrastructure.Tests.EvidencePacks;

/// <summary>Reads and rewrites pack ZIPs in tests, the way someone tampering with a pack would.</summary>
internal static class PackZip
{
    public static List<PackEntry> Entries(byte[] zip)
    {
        using var stream = new MemoryStream(zip);
        return DeterministicZip.Read(stream);
    }

    public static byte[] Rewrite(IReadOnlyList<PackEntry> entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var e in entries)
            {
                using var s = archive.CreateEntry(e.Path).Open();
                s.Write(e.Bytes);
            }
        }

        return stream.ToArray();
    }
}
