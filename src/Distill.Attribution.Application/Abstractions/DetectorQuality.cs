namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// An evaluation of the detector on labelled data, as written by <c>distill evaluate --write-quality</c>:
/// account-level precision, recall and F1 of flagged accounts, how it was measured, the file it came from, and
/// (when the file has them) the counts behind the rates, what data it was (<see cref="DataSource"/>, whether it
/// is synthetic and whether it was held out from tuning) and which detector version it measured.
/// </summary>
public sealed record DetectorQuality(
    double Precision,
    double Recall,
    double? F1,
    string Method,
    string Source,
    double? AttributionAccuracy = null,
    int? LegitFlagged = null)
{
    /// <summary>What the labelled data was (e.g. the generator and its seed); null when the file does not say.</summary>
    public string? DataSource { get; init; }

    /// <summary>True when the data was not used to tune the detector; null when the file does not say (treated as not held out).</summary>
    public bool? HeldOut { get; init; }

    /// <summary>True for generated data, false for real labelled accounts, null when the file does not say.</summary>
    public bool? Synthetic { get; init; }

    /// <summary>Code version of the evaluated run.</summary>
    public string? CodeVersion { get; init; }

    /// <summary>Parameters hash of the evaluated run; an evaluation applies to a pack only when both match.</summary>
    public string? ParametersHash { get; init; }

    /// <summary>Accounts the evaluated run flagged.</summary>
    public int? FlaggedAccounts { get; init; }

    /// <summary>Accounts the truth labels as campaign accounts.</summary>
    public int? FraudAccounts { get; init; }

    /// <summary>Accounts in the truth file.</summary>
    public int? TruthAccounts { get; init; }
}
