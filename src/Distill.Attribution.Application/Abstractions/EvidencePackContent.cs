using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>Everything an evidence pack holds, gathered by the use case; the writer only lays it out.</summary>
public sealed record EvidencePackContent(
    DetectionRun Run,
    DetectedCluster Cluster,
    SourceRecords Sources,
    IReadOnlyList<CustodyEntry> Custody,
    DetectorQuality? Quality,
    DateTimeOffset CreatedAt);
