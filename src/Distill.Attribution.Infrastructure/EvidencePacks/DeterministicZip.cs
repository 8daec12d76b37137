using System.IO.Compression;

namespace Distill.Attribution.Infrastructure.EvidencePacks;

/// <summary>
/// Writes entries to a ZIP in the order given, every entry stamped with the same time and no extra attributes,
/// so the same entries give the same bytes.
/// </summary>
internal static class DeterministicZip
{
    public static void Write(Stream output, IReadOnlyList<PackEntry> entries, DateTimeOffset stamp)
    {
        // ZIP stores DOS local time without a zone and cannot go below 1980; the stamp is the pack's UTC time.
        var utc = stamp.UtcDateTime;
        var dos = new DateTimeOffset(utc.Year < 1980 ? new DateTime(1980, 1, 1, 0, 0, 0, DateTimeKind.Unspecified) : DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), TimeSpan.Zero);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in entries)
        {
            var zipEntry = zip.CreateEntry(entry.Path, CompressionLevel.Optimal);
            zipEntry.LastWriteTime = dos;
            using var stream = zipEntry.Open();
            stream.Write(entry.Bytes);
        }
    }

    /// <summary>Every entry of a ZIP in file order (names as stored).</summary>
    public static List<PackEntry> Read(Stream input)
    {
        using var zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        var entries = new List<PackEntry>(zip.Entries.Count);
        foreach (var zipEntry in zip.Entries)
        {
            using var stream = zipEntry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            entries.Add(new PackEntry(zipEntry.FullName, buffer.ToArray()));
        }

        return entries;
    }
}
