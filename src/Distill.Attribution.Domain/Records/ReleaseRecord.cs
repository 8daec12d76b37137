namespace Distill.Attribution.Domain.Records;

/// <summary>When a model became available.</summary>
public sealed record ReleaseRecord(string Model, DateTimeOffset ReleasedAt);
