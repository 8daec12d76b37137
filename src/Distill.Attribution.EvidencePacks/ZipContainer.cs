using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// Checks the parts of a ZIP that are not entries and that distill never writes: an archive comment (shown by
/// many zip tools, so a place for a misleading note), bytes after the end-of-central-directory record (a second
/// archive or a payload glued on) and bytes before the first entry (a prefix such as a self-extractor stub).
/// </summary>
internal static class ZipContainer
{
    private const uint EndOfCentralDirectory = 0x06054b50;
    private const uint LocalHeader = 0x04034b50;
    private const int EndRecordLength = 22;

    /// <summary>One description per finding; empty for a ZIP as distill writes it.</summary>
    public static List<string> Inspect(Stream zip)
    {
        var findings = new List<string>();
        var length = zip.Length;
        if (length < EndRecordLength)
        {
            return findings;
        }

        // The end record sits in the last 22 bytes plus a comment of at most 65,535 bytes; trailing bytes push it further.
        var tail = (int)Math.Min(length, 1 << 20);
        var buffer = new byte[tail];
        zip.Position = length - tail;
        zip.ReadExactly(buffer);
        var at = -1;
        for (var i = tail - EndRecordLength; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(i)) == EndOfCentralDirectory)
            {
                at = i;
                break;
            }
        }

        if (at >= 0)
        {
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(at + 20));
            var end = (long)at + EndRecordLength + commentLength;
            if (commentLength > 0)
            {
                var shown = Encoding.UTF8.GetString(buffer, at + EndRecordLength, (int)Math.Min(commentLength, Math.Max(0, tail - at - EndRecordLength)));
                findings.Add(string.Create(CultureInfo.InvariantCulture, $"the ZIP carries an archive comment ({commentLength} bytes) that distill never writes: \"{Printable(shown)}\""));
            }

            if (end < tail)
            {
                findings.Add(string.Create(CultureInfo.InvariantCulture, $"{tail - end} byte(s) follow the end of the ZIP archive (data glued onto the pack)"));
            }
        }

        var head = new byte[4];
        zip.Position = 0;
        zip.ReadExactly(head);
        if (BinaryPrimitives.ReadUInt32LittleEndian(head) != LocalHeader)
        {
            findings.Add("the file does not start with a ZIP entry: bytes were put before the archive");
        }

        zip.Position = 0;
        return findings;
    }

    /// <summary>At most 80 characters, control characters (terminal escapes included) shown as '?'.</summary>
    public static string Printable(string text)
    {
        var cut = text.Length > 80 ? text[..80] + "…" : text;
        return string.Create(cut.Length, cut, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
    }
}
