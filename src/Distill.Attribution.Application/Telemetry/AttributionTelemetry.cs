using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Distill.Attribution.Application.Telemetry;

/// <summary>
/// Traces and metrics of ingest and detection, through the .NET primitives OpenTelemetry listens to: a host
/// adds <see cref="Name"/> as a trace source and a meter. Nothing is recorded while nobody listens.
/// </summary>
public static class AttributionTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "Distill.Attribution";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    /// <summary>Valid rows handed to the store, by record kind (rows already present count too: they were ingested, changing nothing).</summary>
    internal static readonly Counter<long> RowsIngested = Meter.CreateCounter<long>(
        "distill.ingest.rows", "{row}", "Valid rows handed to the store, by record kind");

    /// <summary>Rejected rows and unreadable files.</summary>
    internal static readonly Counter<long> Rejects = Meter.CreateCounter<long>(
        "distill.ingest.rejects", "{row}", "Rows (or whole files) rejected by ingest");

    /// <summary>Seconds per detection phase (snapshot, index, views, projection, clustering, scoring, lineage, save).</summary>
    internal static readonly Histogram<double> PhaseDuration = Meter.CreateHistogram<double>(
        "distill.detection.phase.duration", "s", "Wall time of each detection phase");

    /// <summary>Clusters a detection run flagged.</summary>
    internal static readonly Counter<long> ClustersFlagged = Meter.CreateCounter<long>(
        "distill.detection.clusters.flagged", "{cluster}", "Clusters flagged by detection runs");

    internal static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
