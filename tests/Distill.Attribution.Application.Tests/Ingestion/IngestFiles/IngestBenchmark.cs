using System.Diagnostics;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Application.Ingestion.Validation;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing.Streams;

namespace Distill.Attribution.Application.Tests.Ingestion.IngestFiles;

/// <summary>
/// Prints ingestion speed next to its references (FluentValidation, sqlite3 .import of the same CSV).
/// Not part of the default run: <c>dotnet test -c Release --filter Category=Benchmark</c>.
/// Its asserts only check that every row was accepted; the numbers are for the reader.
/// </summary>
[Explicit("Benchmark: prints numbers")]
[Category("Benchmark")]
public sealed class IngestBenchmark
{
    [Test]
    public void ShouldPrintParseAndValidateRowsPerSecond()
    {
        const long Rows = 2_000_000;
        var generate = Stopwatch.StartNew();
        using (var only = new SyntheticRequestsStream(Rows))
        {
            only.CopyTo(Stream.Null);
        }

        var generator = generate.Elapsed.TotalSeconds;
        var (fastRows, fastSeconds) = Parse(Rows, fast: true);
        var (slowRows, slowSeconds) = Parse(Rows / 4, fast: false);
        TestContext.Out.WriteLine($"synthetic CSV generator alone: {Rows / generator:N0} rows/s (included in the numbers below)");
        TestContext.Out.WriteLine($"parse + validate, fast path:        {fastRows / fastSeconds:N0} rows/s ({fastRows:N0} rows, {fastSeconds:F2} s)");
        TestContext.Out.WriteLine($"parse + validate, FluentValidation: {slowRows / slowSeconds:N0} rows/s ({slowRows:N0} rows, {slowSeconds:F2} s)");
        Assert.That((fastRows, slowRows), Is.EqualTo((Rows, Rows / 4)));
    }

    [Test]
    public async Task ShouldPrintWholeIngestNextToSqliteImport()
    {
        const long Rows = 1_000_000;
        using var dir = new TempDirectory();
        var csv = Path.Combine(dir.Path, "requests.csv");
        await using (var file = File.Create(csv))
        await using (var source = new SyntheticRequestsStream(Rows))
        {
            await source.CopyToAsync(file);
        }

        var store = new CountingStore();
        var clock = Stopwatch.StartNew();
        var result = await new IngestFilesHandler(store).Handle(new IngestFilesCommand([csv], false, Path.Combine(dir.Path, "rejects.jsonl")), null, CancellationToken.None);
        var ours = clock.Elapsed.TotalSeconds;
        TestContext.Out.WriteLine($"ingest (read, parse, validate, batch; store discards): {Rows / ours:N0} rows/s ({ours:F2} s, {new FileInfo(csv).Length / 1048576.0:F0} MB)");

        var sqlite = ImportWithSqlite(dir.Path, csv);
        TestContext.Out.WriteLine(sqlite is { } s ? $"sqlite3 .import of the same CSV into a bare table: {Rows / s:N0} rows/s ({s:F2} s)" : "sqlite3 not found: no reference");
        Assert.That((result.RowsRead, store.Rows), Is.EqualTo((Rows, Rows)));
    }

    private static (long Rows, double Seconds) Parse(long rows, bool fast)
    {
        using var stream = new SyntheticRequestsStream(rows);
        var schema = RecordSchema.For(RecordKind.Requests);
        var clock = Stopwatch.StartNew();
        using var reader = CsvRowReader.Open(stream, schema, new ReaderOptions());
        var converter = new RowConverter(RecordKind.Requests, fast);
        var row = new RawRow(schema.Count);
        long accepted = 0;
        while (reader.ReadRow(row))
        {
            if (converter.TryConvert(row, out _, out _, out _))
            {
                accepted++;
            }
        }

        return (accepted, clock.Elapsed.TotalSeconds);
    }

    private static double? ImportWithSqlite(string dir, string csv)
    {
        var db = Path.Combine(dir, "bare.db");
        var info = new ProcessStartInfo("sqlite3", [db])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            process.StandardInput.WriteLine(".mode csv");
            process.StandardInput.WriteLine($".import '{csv}' requests");
            process.StandardInput.Close();
            process.WaitForExit();
            return clock.Elapsed.TotalSeconds;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>A store that counts and discards, so the numbers measure ingestion, not a store.</summary>
    private sealed class CountingStore : IIngestStore
    {
        public long Rows { get; private set; }

        public Task MigrateAsync(CancellationToken ct) => Task.CompletedTask;

        public Task<int> WriteBatchAsync(IngestBatch batch, CancellationToken ct)
        {
            Rows += batch.Count;
            return Task.FromResult(batch.Count);
        }

        public Task<StoreStats> GetStatsAsync(CancellationToken ct) => Task.FromResult(new StoreStats(0, 0, 0, Rows, 0, 0, 0, 0));
    }
}
