namespace Distill.Attribution.Application.Clusters;

/// <summary>When a model was released (from the input's releases file).</summary>
public sealed record ModelRelease(string Model, DateTimeOffset ReleasedAt);
