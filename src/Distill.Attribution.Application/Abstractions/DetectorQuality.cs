namespace Distill.Attribution.Application.Abstractions;

/// <summary>The detector's measured error rate on labelled data, as written by <c>distill evaluate</c>.</summary>
public sealed record DetectorQuality(double Precision, double Recall, double? F1, string Method, string Source);
