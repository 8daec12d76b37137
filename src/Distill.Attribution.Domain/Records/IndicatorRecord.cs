namespace Distill.Attribution.Domain.Records;

/// <summary>A known indicator of an operator, with the confidence of the source (default 0.5).</summary>
public sealed record IndicatorRecord(
    string OperatorId,
    string? OperatorName,
    IndicatorKind Kind,
    string Value,
    double Confidence,
    string? Source);
