namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// A member's place in its cluster's evidence tree: the links that tie it to its parent (one step closer
/// to the core) and the operator indicators it matches itself. Following parents gives the member's chain.
/// </summary>
public sealed record EvidenceStep(
    string Member,
    string? Parent,
    int Depth,
    IReadOnlyList<EvidenceLink> Links,
    IReadOnlyList<string> MatchedIndicators);
