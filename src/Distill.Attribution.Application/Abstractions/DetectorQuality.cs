namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// The detector's measured error rate on labelled data, as written by <c>distill evaluate --write-quality</c>:
/// account-level precision, recall and F1 of flagged accounts, how it was measured, the file it came from, and
/// (when the file has them) attribution accuracy and the number of legitimate accounts flagged.
/// </summary>
public sealed record DetectorQuality(
    double Precision,
    double Recall,
    double? F1,
    string Method,
    string Source,
    double? AttributionAccuracy = null,
    int? LegitFlagged = null);
