namespace Distill.Attribution.Application.Live;

/// <summary>What changed between two runs to raise an alert (docs/live.md).</summary>
public enum AlertKind
{
    /// <summary>A flagged cluster that the previous run did not have, or had unflagged, and that is not mostly made of accounts already in flagged clusters.</summary>
    NewCluster,

    /// <summary>A flagged cluster that grew by at least <see cref="AlertOptions.GrowthShare"/> of its previous size.</summary>
    Grown,

    /// <summary>A flagged cluster that took in another flagged cluster of the previous run (which no longer exists).</summary>
    Absorbed,

    /// <summary>A cluster that was already flagged is now attributed to an operator (a newly flagged one names its operator in <see cref="NewCluster"/>).</summary>
    AttributionAppeared,

    /// <summary>A flagged cluster is attributed to another operator than before.</summary>
    AttributionChanged,

    /// <summary>A flagged cluster used a newly released model within <see cref="AlertOptions.PivotWindow"/> of its release.</summary>
    ReleasePivot,
}
