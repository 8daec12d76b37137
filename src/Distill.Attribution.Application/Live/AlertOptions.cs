namespace Distill.Attribution.Application.Live;

/// <summary>The named thresholds of the alert rules (docs/live.md).</summary>
public sealed record AlertOptions
{
    /// <summary>A flagged cluster that grew by at least this share of its previous size raises <see cref="AlertKind.Grown"/>.</summary>
    public double GrowthShare { get; init; } = 0.25;

    /// <summary>... and by at least this many accounts (so that 2 → 3 is not news).</summary>
    public int GrowthMinMembers { get; init; } = 3;

    /// <summary>A first use of a model within this time of its release is a pivot.</summary>
    public TimeSpan PivotWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Pivots onto releases older than this (against the data's time) raise nothing: old news.</summary>
    public TimeSpan PivotLookback { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Members of the cluster a pivot needs on the new model within the window.</summary>
    public int PivotMinMembers { get; init; } = 2;

    /// <summary>How many member ids an alert lists.</summary>
    public int MaxMembersListed { get; init; } = 500;
}
