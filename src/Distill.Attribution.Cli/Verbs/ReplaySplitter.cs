using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// Cuts a folder of contract files into time-ordered batches for <c>distill replay</c>: batch <c>k</c> holds the
/// records dated in <c>[t0 + k·batch, t0 + (k+1)·batch)</c>, where <c>t0</c> is the earliest request floored to the
/// batch length; records dated before <c>t0</c>, undated records and indicators go to the first batch. With a prime span
/// the first batch holds everything before <c>t0 + prime</c> (a warm store), and batches of the given length follow. Each record
/// keeps its file's format (gzip is undone). Two passes bound memory: rows go to one file per day (or per batch when
/// batches are longer), then each day is cut into its batches in memory.
/// </summary>
internal static class ReplaySplitter
{
    private const string CompleteMarker = ".complete";

    /// <summary>The batch folders under <paramref name="staged"/> in order, splitting first unless an earlier split completed.</summary>
    public static IReadOnlyList<string> Split(string input, string staged, TimeSpan batch, TimeSpan prime, TextWriter log)
    {
        if (!File.Exists(Path.Combine(staged, CompleteMarker)))
        {
            if (Directory.Exists(staged))
            {
                Directory.Delete(staged, recursive: true);
            }

            Directory.CreateDirectory(staged);
            SplitAll(input, staged, batch, prime, log);
            File.WriteAllText(Path.Combine(staged, CompleteMarker), "");
        }

        return Directory.EnumerateDirectories(staged, "batch-*").Order(StringComparer.Ordinal).ToArray();
    }

    private static void SplitAll(string input, string staged, TimeSpan batch, TimeSpan prime, TextWriter log)
    {
        var files = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(InputFile.TryRecognise).OfType<InputFile>().ToArray();
        if (files.Length == 0)
        {
            throw new InvalidOperationException($"No contract files under {input}.");
        }

        var batchMs = (long)batch.TotalMilliseconds;
        long? earliest = null;
        foreach (var f in files.Where(f => f.Kind == RecordKind.Requests))
        {
            foreach (var ts in Rows(f).Select(r => r.Ts).OfType<long>())
            {
                earliest = earliest is null || ts < earliest ? ts : earliest;
            }
        }

        var t0 = earliest is { } e ? e - (((e % batchMs) + batchMs) % batchMs) : 0;
        // With a prime span, the first batch holds everything before t0 + prime (a store already warm), then batches follow.
        var primed = prime > TimeSpan.Zero ? t0 + (long)Math.Ceiling(prime.TotalMilliseconds / batchMs) * batchMs : t0;
        var first = primed == t0 ? 0 : 1;
        var perDay = Math.Max(1, (long)Math.Ceiling(TimeSpan.FromDays(1).TotalMilliseconds / batchMs));
        var days = Path.Combine(staged, "_days");
        Directory.CreateDirectory(days);
        for (var i = 0; i < files.Length; i++)
        {
            var f = files[i];
            var writers = new Dictionary<long, StreamWriter>();
            try
            {
                foreach (var (ts, text, header) in Rows(f))
                {
                    var index = ts is { } t && t >= primed ? first + ((t - primed) / batchMs) : 0;
                    var day = index / perDay;
                    if (!writers.TryGetValue(day, out var w))
                    {
                        var dir = Path.Combine(days, day.ToString("D6", CultureInfo.InvariantCulture));
                        Directory.CreateDirectory(dir);
                        w = new StreamWriter(Path.Combine(dir, Name(f, i)), append: false, new UTF8Encoding(false));
                        if (header is not null)
                        {
                            w.Write(header);
                            w.Write('\n');
                        }

                        writers[day] = w;
                    }

                    w.Write(index.ToString(CultureInfo.InvariantCulture));
                    w.Write('\t');
                    w.Write(text);
                    w.Write('\n');
                }
            }
            finally
            {
                foreach (var w in writers.Values)
                {
                    w.Dispose();
                }
            }
        }

        var batches = 0;
        foreach (var dayDir in Directory.EnumerateDirectories(days).Order(StringComparer.Ordinal))
        {
            var byBatch = new SortedDictionary<long, List<(string File, string? Header, List<string> Rows)>>();
            foreach (var file in Directory.EnumerateFiles(dayDir).Order(StringComparer.Ordinal))
            {
                var isCsv = file.EndsWith(".csv", StringComparison.Ordinal);
                using var reader = new StreamReader(file, Encoding.UTF8);
                var header = isCsv ? reader.ReadLine() : null;
                var groups = new Dictionary<long, List<string>>();
                while (reader.ReadLine() is { } line)
                {
                    var tab = line.IndexOf('\t', StringComparison.Ordinal);
                    var index = long.Parse(line.AsSpan(0, tab), CultureInfo.InvariantCulture);
                    if (!groups.TryGetValue(index, out var rows))
                    {
                        groups[index] = rows = [];
                    }

                    rows.Add(Unescape(line.AsSpan(tab + 1)));
                }

                foreach (var (index, rows) in groups)
                {
                    if (!byBatch.TryGetValue(index, out var list))
                    {
                        byBatch[index] = list = [];
                    }

                    list.Add((Path.GetFileName(file), header, rows));
                }
            }

            foreach (var (index, parts) in byBatch)
            {
                var start = DateTimeOffset.FromUnixTimeMilliseconds(index == 0 ? t0 : primed + ((index - first) * batchMs)).UtcDateTime;
                var dir = Path.Combine(staged, string.Create(CultureInfo.InvariantCulture, $"batch-{index:D6}-{start:yyyyMMdd'T'HHmm}"));
                Directory.CreateDirectory(dir);
                foreach (var (name, header, rows) in parts)
                {
                    using var w = new StreamWriter(Path.Combine(dir, name), append: false, new UTF8Encoding(false));
                    if (header is not null)
                    {
                        w.Write(header);
                        w.Write('\n');
                    }

                    foreach (var row in rows)
                    {
                        w.Write(row);
                        w.Write('\n');
                    }
                }

                batches++;
            }

            Directory.Delete(dayDir, recursive: true);
        }

        Directory.Delete(days, recursive: true);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replay: {files.Length} files cut into {batches} batches of {batch.TotalHours:0.##} h from {AlertTime(t0)}{(first == 1 ? $" (the first holds everything before {AlertTime(primed)})" : "")}"));
    }

    private static string AlertTime(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>requests-0003.csv</c>: kind, the input file's position, format (uncompressed).</summary>
    private static string Name(InputFile f, int i) =>
        string.Create(CultureInfo.InvariantCulture, $"{ContractNames.Name(f.Kind)}-{i:D4}{(f.Format == InputFormat.Csv ? ".csv" : ".jsonl")}");

    /// <summary>
    /// The records of a file: timestamp (Unix ms, null when absent or unreadable), the record's text with line breaks
    /// escaped (so one record is one line of the day file), and the CSV header.
    /// </summary>
    private static IEnumerable<(long? Ts, string Text, string? Header)> Rows(InputFile f)
    {
        using var stream = File.OpenRead(f.Path);
        using var decoded = f.Gzip ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        using var reader = new StreamReader(decoded, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var field = TimeField(f.Kind);
        if (f.Format == InputFormat.Csv)
        {
            var header = reader.ReadLine();
            if (header is null)
            {
                yield break;
            }

            var column = field is null ? -1 : Array.IndexOf(Fields(header).Select(h => h.Trim()).ToArray(), field);
            while (ReadRecord(reader) is { } record)
            {
                if (record.Length == 0)
                {
                    continue;
                }

                var fields = Fields(record);
                yield return (column >= 0 && column < fields.Count ? Parse(fields[column]) : null, Escape(record), header);
            }
        }
        else
        {
            while (reader.ReadLine() is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                long? ts = null;
                if (field is not null)
                {
                    try
                    {
                        using var doc = JsonDocument.Parse(line);
                        if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String)
                        {
                            ts = Parse(v.GetString()!);
                        }
                    }
                    catch (JsonException)
                    {
                        // a bad line goes to the first batch; ingest rejects it there
                    }
                }

                yield return (ts, Escape(line), null);
            }
        }
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Unescape(ReadOnlySpan<char> text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                result.Append(text[i + 1] == 'n' ? '\n' : text[i + 1]);
                i++;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    private static string? TimeField(RecordKind kind) => kind switch
    {
        RecordKind.Accounts => "created_at",
        RecordKind.Payments => "first_seen",
        RecordKind.Sessions => "seen_at",
        RecordKind.Requests => "ts",
        RecordKind.Releases => "released_at",
        _ => null,
    };

    private static long? Parse(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUnixTimeMilliseconds() : null;

    /// <summary>One CSV record: a line, joined with the next while a quoted field is open.</summary>
    private static string? ReadRecord(StreamReader reader)
    {
        var line = reader.ReadLine();
        if (line is null)
        {
            return null;
        }

        var quotes = line.Count(c => c == '"');
        if (quotes % 2 == 0)
        {
            return line;
        }

        var record = new StringBuilder(line);
        while (quotes % 2 == 1 && reader.ReadLine() is { } next)
        {
            record.Append('\n').Append(next);
            quotes += next.Count(c => c == '"');
        }

        return record.ToString();
    }

    /// <summary>The fields of a CSV record (RFC 4180 quoting).</summary>
    private static List<string> Fields(string record)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < record.Length && record[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
