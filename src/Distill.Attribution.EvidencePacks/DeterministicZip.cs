using System.IO.Compression;

namespace Distill.Attribution.EvidencePacks;

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

    /// <summary>Most bytes a pack may hold once unzipped: a pack comes from outside, and a ZIP bomb must not exhaust memory.</summary>
    public const long MaxUnzippedBytes = 1L << 30;

    /// <summary>Every entry of a ZIP in file order (names as stored); <see cref="InvalidDataException"/> past <see cref="MaxUnzippedBytes"/>.</summary>
    public static List<PackEntry> Read(Stream input)
    {
        using var zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        var entries = new List<PackEntry>(zip.Entries.Count);
        long total = 0;
        var chunk = new byte[81920];
        foreach (var zipEntry in zip.Entries)
        {
            using var stream = zipEntry.Open();
            using var buffer = new MemoryStream();
            int read;
            // Counted while inflating: the sizes in the ZIP's headers are the sender's word.
            while ((read = stream.Read(chunk)) > 0)
            {
                total += read;
                if (total > MaxUnzippedBytes)
                {
                    throw new InvalidDataException($"more than {MaxUnzippedBytes / (1 << 20)} MiB once unzipped");
                }

                buffer.Write(chunk, 0, read);
            }

            entries.Add(new PackEntry(zipEntry.FullName, buffer.ToArray()));
        }

        return entries;
    }
}
