namespace Distill.Attribution.Application.Clusters;

/// <summary>Bucket width of a cluster's activity timeline.</summary>
public enum ActivityGranularity
{
    Hour,
    Day,
}
