// Embeds Distill.Attribution in-process: ingest a generated folder, add a few records from memory,
// detect, print the flagged clusters with their operator and top evidence.
// Usage: EmbeddedDetection INPUT_DIR STORE_FILE
// Exit 0 when at least one cluster was flagged and attributed, 1 otherwise, 2 on usage errors.
using System.Globalization;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Application.Ingestion.IngestRecords;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Embedding;
using Microsoft.Extensions.DependencyInjection;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: EmbeddedDetection INPUT_DIR STORE_FILE");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

await using var services = new ServiceCollection()
    .AddDistillAttribution(options => options.StorePath = args[1])
    .BuildServiceProvider();
var distill = services.GetRequiredService<IDistillAttribution>();
var ct = cancel.Token;

var lastPercent = -1L;
var ingest = await distill.IngestFilesAsync(
    [args[0]],
    rejectsPath: Path.Combine(Path.GetDirectoryName(Path.GetFullPath(args[1]))!, "rejects.jsonl"),
    progress: new SyncProgress<IngestProgress>(p =>
    {
        var percent = p.BytesTotal == 0 ? 100 : p.BytesRead * 100 / p.BytesTotal;
        if (percent / 25 != lastPercent / 25)
        {
            lastPercent = percent;
            Console.WriteLine($"ingest {percent,3}% {p.RowsRead:N0} rows");
        }
    }),
    cancellationToken: ct);
Console.WriteLine($"ingested {ingest.RowsRead:N0} rows from {ingest.Files.Count} files, {ingest.Rejected:N0} rejected");

// Records a tool already holds go through the same rules as files: the raw card number is refused.
var records = new RecordSet
{
    Releases = [new ReleaseRecord("sample-model-x", DateTimeOffset.Parse("2026-03-01T00:00:00Z", CultureInfo.InvariantCulture))],
    Payments = [new PaymentRecord("sample-account", "4111 1111 1111 1111", PaymentKind.Card, null, null, DateTimeOffset.UtcNow)],
};
var inMemory = await distill.IngestRecordsAsync(records, "sample-tool", cancellationToken: ct);
Console.WriteLine($"in-memory: {inMemory.Written} written, {inMemory.Rejects.Count} rejected ({string.Join("; ", inMemory.Rejects.Select(r => $"{r.Kind} #{r.Index} {r.Field}: {r.Reason}"))})");

var run = await distill.DetectAsync(
    progress: new SyncProgress<DetectionProgress>(p => Console.WriteLine($"detect: {p.Phase} {p.Elapsed.TotalSeconds:F2} s")),
    cancellationToken: ct);
var flagged = await distill.GetClustersAsync(flaggedOnly: true, ct);
Console.WriteLine($"{run.RunId}: {run.Clusters.Count} clusters, {flagged.Count} flagged");
foreach (var cluster in flagged.Take(5))
{
    var op = cluster.Operator is { } o ? $"{o.OperatorId} ({o.OperatorName ?? "unnamed"}, confidence {o.Confidence:F2})" : "no operator suspected";
    Console.WriteLine($"{cluster.Id}  risk {cluster.RiskScore:F2}  {cluster.Members.Count} accounts  operator {op}");
    var full = await distill.GetClusterAsync(cluster.Id, ct);
    var links = full?.Evidence?.Steps.SelectMany(s => s.Links).OrderByDescending(l => l.Weight).Take(3) ?? [];
    foreach (var link in links)
    {
        Console.WriteLine($"    {link.Rule} ({link.Weight:F2}): {link.Summary}");
    }
}

var stats = await distill.GetStatsAsync(ct);
Console.WriteLine($"store: {stats.Accounts:N0} accounts, {stats.Requests:N0} requests, {stats.Runs} runs");
return flagged.Any(c => c.Operator is not null) && inMemory.Rejects.Count == 1 ? 0 : 1;

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
