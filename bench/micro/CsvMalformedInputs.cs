using System.Text;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;
using nietras.SeparatedValues;

namespace Distill.Bench.Micro;

/// <summary>
/// <c>csv-malformed</c>: what our reader and Sep 0.18.0 (as in <see cref="CsvReaderBenchmarks"/>) each make of a
/// requests file with one bad row among 1,000 good ones: rows read, rows rejected (with line and reason), and whether
/// the rest of the file was read. The CSV decision compares behaviour here and speed in the benchmark.
/// </summary>
internal static class CsvMalformedInputs
{
    private const int GoodRows = 1_000;

    public static void Run()
    {
        var cases = new (string Name, byte[] Bad)[]
        {
            ("invalid UTF-8 in a field", [.. "rq-bad,acct-1,2026-01-05T07:02:03.684Z,nova-2,other,ff,1.2.3.4,"u8, 0xFF, 0xFE, .. ",1,2\n"u8]),
            ("one field too many", Encoding.UTF8.GetBytes("rq-bad,acct-1,2026-01-05T07:02:03.684Z,nova-2,other,ff,1.2.3.4,curl,1,2,extra\n")),
            ("a stray quote never closed", Encoding.UTF8.GetBytes("rq-bad,acct-1,\"2026-01-05T07:02:03.684Z,nova-2,other,ff,1.2.3.4,curl,1,2\n")),
            ("text after a closing quote", Encoding.UTF8.GetBytes("rq-bad,acct-1,2026-01-05T07:02:03.684Z,nova-2,other,ff,1.2.3.4,\"curl\"x,1,2\n")),
        };
        foreach (var (name, bad) in cases)
        {
            var bytes = File(bad);
            Console.WriteLine($"{name}: bad row at line 502 of {GoodRows + 1} rows");
            Console.WriteLine($"  ours: {Ours(bytes)}");
            Console.WriteLine($"  Sep:  {Sep(bytes)}");
        }
    }

    private static byte[] File(byte[] bad)
    {
        using var stream = new MemoryStream();
        stream.Write(Encoding.UTF8.GetBytes(string.Join(',', RequestFields.Names) + "\n"));
        for (var i = 0; i < GoodRows; i++)
        {
            if (i == 500)
            {
                stream.Write(bad);
            }

            stream.Write(Encoding.UTF8.GetBytes($"rq-{i},acct-{i % 7},2026-01-05T07:02:03.684Z,nova-2,other,ff,1.2.3.4,curl,{i},1\n"));
        }

        return stream.ToArray();
    }

    private static string Ours(byte[] bytes)
    {
        var schema = RecordSchema.For(RecordKind.Requests);
        using var reader = CsvRowReader.Open(new MemoryStream(bytes), schema, new ReaderOptions());
        var row = new RawRow(schema.Count);
        int good = 0, rejected = 0;
        var reasons = new List<string>();
        while (reader.ReadRow(row))
        {
            if (row.HasError)
            {
                rejected++;
                reasons.Add($"line {row.Line}: {row.ErrorReason}");
            }
            else
            {
                good++;
            }
        }

        return $"{good} rows read, {rejected} rejected ({string.Join("; ", reasons)})";
    }

    private static string Sep(byte[] bytes)
    {
        var good = 0;
        var suspicious = new List<string>();
        try
        {
            using var reader = nietras.SeparatedValues.Sep.Reader(o => o with { Unescape = true }).From(bytes);
            var client = reader.Header.IndexOf("client");
            foreach (var row in reader)
            {
                good++;
                var text = row.Span.ToString();
                if (text.Contains('\uFFFD', StringComparison.Ordinal) || text.Contains("rq-bad", StringComparison.Ordinal))
                {
                    suspicious.Add($"row {row.RowIndex} (lines {row.LineNumberFrom}-{row.LineNumberToExcl - 1}) read as a good row, client '{row[client].ToString()}'{(text.Contains('\uFFFD', StringComparison.Ordinal) ? ", with U+FFFD in place of the invalid bytes" : "")}");
                }
            }

            return $"{good} rows read, no error{(suspicious.Count > 0 ? $"; {string.Join("; ", suspicious)}" : "")}";
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException or IOException)
        {
            return $"{good} rows read, then {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")[..Math.Min(160, e.Message.Length)]} (the rest of the file is not read)";
        }
    }
}
