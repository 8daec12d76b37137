namespace Distill.Attribution.Application.Live;

/// <summary>The named thresholds of the alert rules (docs/live.md).</summary>
public sealed record AlertOptions
{
    /// <summary>A flagged cluster that grew by at least this share of its previous size raises <see cref="AlertKind.Grown"/>.</summary>
    public double GrowthShare { get; init; } = 0.25;

    /// <summary>... and by at least this many accounts (so that 2 → 3 is not news).</summary>
    public int GrowthMinMembers { get; init; } = 3;

    /// <summary>
    /// A newly flagged cluster most of whose members (at least this share) were in flagged clusters of the previous run
    /// is a fragment of a campaign already alerted on (Leiden splits and re-merges crews from hour to hour): no new alert.
    /// </summary>
    public double KnownMemberShare { get; init; } = 0.5;

    /// <summary>
    /// A newly flagged cluster raises <see cref="AlertKind.NewCluster"/>, and a cluster raises
    /// <see cref="AlertKind.ReleasePivot"/>, only when at least <see cref="KnownMemberShare"/> of its members were flagged
    /// in the previous run as well: the verdict held on two consecutive runs. One run's verdict on a partial window often
    /// reverses in the next (a look-alike replay: 39 of 66 new-cluster alerts naming mostly legitimate accounts had lost
    /// most of their members from the flagged clusters one run later, 2 of 18 naming campaigns); the price is one batch of
    /// delay. The first run alerts are computed from (no previous run) tells what it flags. Off: the first run that
    /// flags a cluster raises it.
    /// </summary>
    public bool NewClusterNeedsSecondRun { get; init; } = true;

    /// <summary>An absorbed flagged cluster must have had at least this many accounts (fragments come and go).</summary>
    public int AbsorbedMinMembers { get; init; } = 5;

    /// <summary>A first use of a model within this time of its release is a pivot.</summary>
    public TimeSpan PivotWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Pivots onto releases older than this (against the data's time) raise nothing: old news.</summary>
    public TimeSpan PivotLookback { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Members of the cluster a pivot needs on the new model within the window.</summary>
    public int PivotMinMembers { get; init; } = 2;

    /// <summary>How many member ids an alert lists.</summary>
    public int MaxMembersListed { get; init; } = 500;
}
