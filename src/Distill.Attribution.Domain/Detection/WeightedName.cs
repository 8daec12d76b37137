namespace Distill.Attribution.Domain.Detection;

/// <summary>A weight attached to a contract name (a capability label or an access pathway).</summary>
public sealed record WeightedName(string Name, double Weight);
