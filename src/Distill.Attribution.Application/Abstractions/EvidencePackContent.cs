using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>Everything an evidence pack holds, gathered by the use case; the writer only lays it out.</summary>
public sealed record EvidencePackContent(
    DetectionRun Run,
    DetectedCluster Cluster,
    SourceRecords Sources,
    IReadOnlyList<CustodyEntry> Custody,
    DetectorQuality? Quality,
    DateTimeOffset CreatedAt)
{
    /// <summary>Every request of the members, aggregated; null when the store cannot say (the report then says so).</summary>
    public ClusterActivity? Activity { get; init; }

    /// <summary>Investigators' verdicts on clusters of the run's detector version; null when none could be read.</summary>
    public VerdictCounts? Verdicts { get; init; }
}
