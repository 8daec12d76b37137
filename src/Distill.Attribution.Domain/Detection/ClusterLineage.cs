namespace Distill.Attribution.Domain.Detection;

/// <summary>How a cluster relates to the previous run's clusters.</summary>
public enum ClusterLineage
{
    New,
    Unchanged,
    Grown,
    Shrunk,
    Split,
    Merged,
}
