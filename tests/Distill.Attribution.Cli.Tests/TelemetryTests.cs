using System.Diagnostics;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Application.Telemetry;
using Distill.Attribution.Cli.Verbs;
using Distill.GraphQL.Execution;
using Distill.GraphQL.TypeSystem;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Distill.Attribution.Cli.Tests;

/// <summary>
/// Reads the spans and metrics of an ingest, a detection and GraphQL requests with OpenTelemetry's in-memory
/// exporter, through the same sources and meters the command line's providers listen to.
/// </summary>
[NonParallelizable]
public sealed class TelemetryTests
{
    private static readonly ActivitySource TestSource = new("Distill.Attribution.Cli.Tests.Telemetry");

    [Test]
    public async Task ShouldTraceAndMeasureIngestDetectionAndGraphQL()
    {
        await GeneratedDataSet.EnsureAsync();
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(TestSource.Name, AttributionTelemetry.Name, GraphQLTelemetry.Name)
            .AddInMemoryExporter(spans)
            .Build();
        using var meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(AttributionTelemetry.Name, GraphQLTelemetry.Name)
            .AddInMemoryExporter(metrics)
            .Build();

        using var dir = new TempDirectory();
        ActivityTraceId trace;
        IngestFilesResult ingest;
        DetectClustersResult detect;
        var phases = new List<string>();
        using (var root = TestSource.StartActivity("test"))
        {
            Assert.That(root, Is.Not.Null, "the test source is sampled");
            trace = root!.TraceId;
            await using var services = CliServices.Build(dir.File("store.db"));
            var sender = services.GetRequiredService<ISender>();
            ingest = await sender.Send(new IngestFilesCommand([GeneratedDataSet.Input], false, dir.File("rejects.jsonl")), CancellationToken.None);
            detect = await sender.Send(new DetectClustersCommand { Progress = new SyncProgress<DetectionProgress>(p => phases.Add(p.Phase)) }, CancellationToken.None);

            var builder = new SchemaBuilder();
            builder.Query.Field("hello").Type(Types.String).Resolve((_, _) => Task.FromResult<object?>("world"));
            var executor = new GraphQLExecutor(builder.Build());
            var ok = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ hello }" });
            var bad = await executor.ExecuteAsync(new GraphQLRequest { Query = "{ nope }" });
            Assert.That(ok.Errors, Is.Empty);
            Assert.That(bad.Errors, Is.Not.Empty);
        }

        tracing.ForceFlush();
        meters.ForceFlush();
        var ours = spans.Where(s => s.TraceId == trace).ToList();
        var names = ours.Select(s => s.OperationName).ToList();
        Assert.That(names, Is.SupersetOf(new[]
        {
            "ingest.files", "ingest.batch", "detect", "detect.snapshot", "detect.index", "detect.views", "detect.projection",
            "detect.clustering", "detect.scoring", "detect.lineage", "detect.save", "graphql.request", "graphql.parse", "graphql.validate", "graphql.execute",
        }));
        var files = ours.Single(s => s.OperationName == "ingest.files");
        var batches = ours.Where(s => s.OperationName == "ingest.batch").ToList();
        Assert.That(batches.All(b => b.ParentSpanId == files.SpanId), Is.True, "batches are children of the ingest");
        Assert.That(batches.Sum(b => (int)b.GetTagItem("distill.ingest.batch.rows")!), Is.EqualTo(ingest.Files.Sum(f => f.Accepted)));
        var detectSpan = ours.Single(s => s.OperationName == "detect");
        var clustering = ours.Single(s => s.OperationName == "detect.clustering");
        Assert.That(clustering.ParentSpanId, Is.EqualTo(detectSpan.SpanId));
        Assert.That(clustering.Duration.TotalSeconds, Is.EqualTo(detect.Run.Stats!.PhaseSeconds["clustering"]).Within(0.002));
        Assert.That(clustering.StartTimeUtc, Is.GreaterThanOrEqualTo(detectSpan.StartTimeUtc));
        Assert.That(detectSpan.GetTagItem("distill.detection.flagged"), Is.EqualTo(detect.Run.Stats.FlaggedCount));
        Assert.That(phases, Has.Count.GreaterThanOrEqualTo(4));
        Assert.That(phases[0], Is.EqualTo("snapshot"));
        Assert.That(phases[^1], Is.EqualTo("save"));
        Assert.That(phases[^2], Is.EqualTo("lineage"), "reading the previous run and resolving cited requests is timed too");
        Assert.That(phases, Does.Contain("clustering"));
        Assert.That(ours.Count(s => s.OperationName == "graphql.request" && s.Status == ActivityStatusCode.Error), Is.EqualTo(1));

        Assert.That(Sum(metrics, "distill.ingest.rows"), Is.GreaterThanOrEqualTo(ingest.Files.Sum(f => f.Accepted)));
        Assert.That(Sum(metrics, "distill.detection.clusters.flagged"), Is.GreaterThanOrEqualTo(detect.Run.Stats.FlaggedCount));
        Assert.That(Sum(metrics, "distill.graphql.request.errors"), Is.GreaterThanOrEqualTo(1));
        Assert.That(HistogramCount(metrics, "distill.graphql.request.duration"), Is.GreaterThanOrEqualTo(2));
        var phaseTags = Points(metrics, "distill.detection.phase.duration")
            .SelectMany(p => Tags(p)).Where(t => t.Key == "distill.detection.phase").Select(t => (string)t.Value!).ToHashSet();
        Assert.That(phaseTags, Is.SupersetOf(new[] { "snapshot", "clustering", "scoring", "save" }));
    }

    [Test]
    public void ShouldStayOffUnlessAnExporterIsAskedFor()
    {
        Assert.That(CliTelemetry.StartFromEnvironment(_ => null), Is.Null);
        Assert.That(CliTelemetry.StartFromEnvironment(n => n == "DISTILL_OTEL_CONSOLE" ? "1" : n == "OTEL_SDK_DISABLED" ? "true" : null), Is.Null);
        using var console = CliTelemetry.StartFromEnvironment(n => n == "DISTILL_OTEL_CONSOLE" ? "1" : null);
        Assert.That(console, Is.Not.Null);
    }

    private static IEnumerable<MetricPoint> Points(List<Metric> metrics, string name)
    {
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                yield return point;
            }
        }
    }

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    private static long Sum(List<Metric> metrics, string name) => Points(metrics, name).Sum(p => p.GetSumLong());

    private static long HistogramCount(List<Metric> metrics, string name) => Points(metrics, name).Sum(p => p.GetHistogramCount());

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
