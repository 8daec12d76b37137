using System.Diagnostics;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Application.Ingestion.Validation;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.Ingestion;
using Distill.Attribution.Testing;
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
        byte[] csv;
        using (var source = new SyntheticRequestsStream(Rows))
        using (var buffer = new MemoryStream())
        {
            source.CopyTo(buffer);
            csv = buffer.ToArray();
        }

        // CPU time as well as wall time: on a shared, loaded machine wall time says little.
        var split = Parse(csv, Mode.SplitOnly);
        var fast = Parse(csv, Mode.Fast);
        var slow = Parse(csv, Mode.FluentValidation);
        TestContext.Out.WriteLine($"{Rows:N0} rows, {csv.Length / 1048576.0:F0} MB in memory; rows/s by CPU time (by wall time)");
        TestContext.Out.WriteLine($"read + split only:                  {Rows / split.Cpu:N0} ({Rows / split.Wall:N0})");
        TestContext.Out.WriteLine($"parse + validate, fast path:        {Rows / fast.Cpu:N0} ({Rows / fast.Wall:N0})");
        TestContext.Out.WriteLine($"parse + validate, FluentValidation: {Rows / slow.Cpu:N0} ({Rows / slow.Wall:N0})");
        Assert.That((split.Rows, fast.Rows, slow.Rows), Is.EqualTo((Rows, Rows, Rows)));
    }

    [TestCase(50_000)]
    [TestCase(10_000)]
    public async Task ShouldPrintWholeIngestNextToSqliteImport(int batchSize)
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
        GC.Collect();
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await new IngestFilesHandler(store, new LocalInputFiles(), new JsonLinesRejectsReports(), new IngestOptions { RequestBatchSize = batchSize }).Handle(new IngestFilesCommand([csv], false, Path.Combine(dir.Path, "rejects.jsonl")), null, CancellationToken.None);
        var ours = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        TestContext.Out.WriteLine($"ingest, batches of {batchSize:N0} (read, parse, validate, batch; store discards): {Rows / ours:N0} rows/s wall, {Rows / cpuSeconds:N0} rows/s by CPU ({ours:F2} s, {new FileInfo(csv).Length / 1048576.0:F0} MB)");
        TestContext.Out.WriteLine($"  GCs gen0/1/2: {GC.CollectionCount(0) - gcBefore.Item1}/{GC.CollectionCount(1) - gcBefore.Item2}/{GC.CollectionCount(2) - gcBefore.Item3}, pause {(GC.GetTotalPauseDuration() - gcBefore.Item4).TotalSeconds:F2} s, server GC {System.Runtime.GCSettings.IsServerGC}, latency {System.Runtime.GCSettings.LatencyMode}");

        var sqlite = ImportWithSqlite(dir.Path, csv);
        TestContext.Out.WriteLine(sqlite is { } s ? $"sqlite3 .import of the same CSV into a bare table: {Rows / s:N0} rows/s ({s:F2} s)" : "sqlite3 not found: no reference");
        Assert.That((result.RowsRead, store.Rows), Is.EqualTo((Rows, Rows)));
    }

    private static (long Rows, double Cpu, double Wall) Parse(byte[] csv, Mode mode)
    {
        GC.Collect();
        var schema = RecordSchema.For(RecordKind.Requests);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var reader = CsvRowReader.Open(new MemoryStream(csv), schema, new ReaderOptions());
        var converter = new RowConverter(RecordKind.Requests, mode == Mode.Fast);
        var row = new RawRow(schema.Count);
        long accepted = 0;
        while (reader.ReadRow(row))
        {
            if (mode == Mode.SplitOnly ? !row.HasError : converter.TryConvert(row, out _, out _, out _))
            {
                accepted++;
            }
        }

        var wall = clock.Elapsed.TotalSeconds;
        return (accepted, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, wall);
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

    private enum Mode
    {
        SplitOnly,
        Fast,
        FluentValidation,
    }
}
