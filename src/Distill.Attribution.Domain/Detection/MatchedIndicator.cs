namespace Distill.Attribution.Domain.Detection;

/// <summary>An operator indicator that matched members of a cluster.</summary>
public sealed record MatchedIndicator(
    string OperatorId,
    string Kind,
    string Value,
    double Confidence,
    string? Source,
    int MatchedMembers,
    IReadOnlyList<string> ExampleMembers);
