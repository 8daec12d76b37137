using System.Buffers.Text;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;
using nietras.SeparatedValues;

namespace Distill.Bench.Micro;

/// <summary>
/// One pass over a requests file shaped like <c>distill generate</c>'s (200,000 rows, 10 columns, 29.9 MB plain) with our
/// byte-level reader (<c>CsvRowReader</c>, what ingest runs: UTF-8 checked per row, columns mapped by the header,
/// quoted fields unescaped) against Sep 0.18.0 (<c>Unescape = true</c>, single-threaded, columns by header index).
/// Both do the same work on each row: count it, sum input_tokens and output_tokens parsed as integers, and sum the
/// lengths of account_id and client (the column that holds quoted values in the quoted file). The set-up checks that
/// both reach the same totals. <c>plain</c> has no quotes (like the generator's files); <c>quoted</c> has every tenth
/// client quoted, with a comma and a doubled quote inside.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public class CsvReaderBenchmarks
{
    private const int Rows = 200_000;
    private static readonly ReaderOptions Options = new();
    private string _path = "";

    [Params("plain", "quoted")]
    public string Input { get; set; } = "plain";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"distill-bench-requests-{Input}.csv");
        Write(_path, Input == "quoted");
        var ours = Ours();
        var sep = Sep();
        if (ours != sep || ours.Rows != Rows)
        {
            throw new InvalidOperationException($"the readers disagree: ours {ours}, Sep {sep}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Baseline = true)]
    public Totals Ours()
    {
        var schema = RecordSchema.For(RecordKind.Requests);
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        using var reader = CsvRowReader.Open(stream, schema, Options);
        var row = new RawRow(schema.Count);
        long rows = 0, tokens = 0, lengths = 0, rejected = 0;
        while (reader.ReadRow(row))
        {
            if (row.HasError)
            {
                rejected++;
                continue;
            }

            rows++;
            if (!Utf8Parser.TryParse(row.Get(RequestFields.InputTokens), out long input, out _) | !Utf8Parser.TryParse(row.Get(RequestFields.OutputTokens), out long output, out _))
            {
                rejected++; // Sep's Parse would throw: the totals check in the set-up fails either way
            }

            tokens += input + output;
            lengths += row.Get(RequestFields.AccountId).Length + row.Get(RequestFields.Client).Length;
        }

        return new Totals(rows, tokens, lengths, rejected);
    }

    [Benchmark]
    public Totals Sep()
    {
        using var reader = nietras.SeparatedValues.Sep.Reader(o => o with { Unescape = true }).FromFile(_path);
        var header = reader.Header;
        int inputColumn = header.IndexOf("input_tokens"), outputColumn = header.IndexOf("output_tokens");
        int accountColumn = header.IndexOf("account_id"), clientColumn = header.IndexOf("client");
        long rows = 0, tokens = 0, lengths = 0;
        foreach (var row in reader)
        {
            rows++;
            tokens += row[inputColumn].Parse<long>() + row[outputColumn].Parse<long>();
            lengths += row[accountColumn].Span.Length + row[clientColumn].Span.Length;
        }

        return new Totals(rows, tokens, lengths, 0);
    }

    /// <summary>What a pass found; equal for both readers.</summary>
    public readonly record struct Totals(long Rows, long Tokens, long Lengths, long Rejected);

    private static void Write(string path, bool quoted)
    {
        var random = new Random(5);
        string[] models = ["nova-2", "nova-2-mini", "nova-3"];
        string[] capabilities = ["tool_use", "other", "agentic_coding", "reasoning", "chat"];
        string[] clients = ["okhttp/4.12.0", "python-requests/2.32.3", "anthropic-sdk-python/0.40.0", "curl/8.5.0"];
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        writer.WriteLine(string.Join(',', RequestFields.Names));
        var ts = new DateTime(2026, 1, 5, 7, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Rows; i++)
        {
            ts = ts.AddMilliseconds(random.Next(1, 60_000));
            var client = quoted && i % 10 == 0 ? "\"Mozilla/5.0 (X11, Linux) \"\"bot\"\"\"" : clients[i / 500 % clients.Length];
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rq{random.NextInt64():x16},acct-{i / 400:D6},{ts:yyyy-MM-dd'T'HH:mm:ss.fff'Z'},{models[random.Next(models.Length)]},{capabilities[random.Next(capabilities.Length)]},{random.NextInt64():x16}{random.NextInt64():x16},{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)},{client},{random.Next(1, 4000)},{random.Next(1, 4000)}"));
        }
    }
}
