namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// All the requests of a cluster's members (not only the ones the evidence cites): how many, when the first and
/// last were made, and the traffic by model (with the model's release date when one was ingested) and by capability.
/// </summary>
public sealed record ClusterActivity(
    long Requests,
    DateTimeOffset? First,
    DateTimeOffset? Last,
    IReadOnlyList<ModelActivity> ByModel,
    IReadOnlyList<CapabilityActivity> ByCapability);

/// <summary>A model's share of a cluster's traffic: request count, first and last request, and its release date if known.</summary>
public sealed record ModelActivity(string Model, long Requests, DateTimeOffset First, DateTimeOffset Last, DateTimeOffset? ReleasedAt);

/// <summary>A capability's share of a cluster's traffic ("(none)" for requests without one).</summary>
public sealed record CapabilityActivity(string Capability, long Requests);
