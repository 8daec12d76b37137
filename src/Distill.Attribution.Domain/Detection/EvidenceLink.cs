namespace Distill.Attribution.Domain.Detection;

/// <summary>One account–account link with the rule that made it, its weight and the records behind it.</summary>
public sealed record EvidenceLink(
    string Rule,
    double Weight,
    string From,
    string To,
    string Summary,
    IReadOnlyList<ProvenanceRecord> Records);
