namespace Distill.Attribution.Synthetic;

/// <summary>A row of indicators.csv.</summary>
internal sealed record IndicatorRow(string OperatorId, string? OperatorName, string Kind, string Value, double Confidence, string Source);
