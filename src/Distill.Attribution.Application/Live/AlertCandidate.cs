using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Live;

/// <summary>What one rule found about one cluster in a run, before deduplication.</summary>
public sealed record AlertCandidate(DetectedCluster Cluster, AlertKind Kind, string Subject, string Summary, IReadOnlyList<AlertFact> Evidence);
