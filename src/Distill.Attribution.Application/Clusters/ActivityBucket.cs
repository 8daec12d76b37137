namespace Distill.Attribution.Application.Clusters;

/// <summary>Requests of a cluster's members in one time bucket for one model and capability.</summary>
public sealed record ActivityBucket(DateTimeOffset Start, string Model, string? Capability, long Requests);
