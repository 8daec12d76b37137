namespace Distill.Attribution.Synthetic;

/// <summary>
/// How one account sends requests: the generator's hot loop only interprets these numbers. "Work"
/// requests follow the scenario's pattern (a shared burst schedule, an event window or plain diurnal use);
/// the rest are ordinary diurnal traffic (camouflage for campaigns, everyday use for the legitimate).
/// Ids index <see cref="SyntheticWorld"/>'s tables. Instances may be shared by accounts of one group.
/// </summary>
internal sealed class AccountBehaviour
{
    public int RequestCount { get; set; }

    public double WorkShare { get; set; }

    /// <summary>Burst start times (Unix ms) shared by a group; null = work is diurnal or windowed.</summary>
    public long[]? Schedule { get; set; }

    /// <summary>Spacing of consecutive requests within a burst: the lockstep grid.</summary>
    public int TickMs { get; set; } = 5000;

    /// <summary>± uniform jitter around the grid.</summary>
    public int JitterMs { get; set; }

    /// <summary>When set (with <see cref="WorkWindowEnd"/>), work requests fall uniformly in this window.</summary>
    public long WorkWindowStart { get; set; }

    public long WorkWindowEnd { get; set; }

    public long ActiveStart { get; set; }

    public long ActiveEnd { get; set; }

    /// <summary>Hours added to UTC for the diurnal curve (the user's time zone).</summary>
    public int TimeZoneHours { get; set; }

    /// <summary>How work requests use <see cref="Schedule"/>; <see cref="Scheduler.CrewBursts"/> is the reference grid.</summary>
    public Scheduler Scheduler { get; set; }

    /// <summary>RandomSubset: ticks per session a member picks from.</summary>
    public int SlotTicks { get; set; } = 1;

    /// <summary>RoundRobin: members of the group and this account's place among them.</summary>
    public int CrewSize { get; set; } = 1;

    public int MemberIndex { get; set; }

    /// <summary>WorkQueue: how long the queue stays busy after a session start, runs of back-to-back jobs, mean service time.</summary>
    public long SessionLengthMs { get; set; }

    public int RunMin { get; set; } = 1;

    public int RunMax { get; set; } = 1;

    public int ServiceMeanMs { get; set; } = 10_000;

    /// <summary>When &gt; 0, work requests use one of <see cref="WorkIps"/> at a time, moving on every this many ms (sticky exits).</summary>
    public long IpRotationMs { get; set; }

    public int IpPhase { get; set; }

    public required WeightedChoice WorkCapabilities { get; init; }

    public required WeightedChoice OrdinaryCapabilities { get; init; }

    public int[] WorkTemplates { get; set; } = [];

    public double WorkTemplateShare { get; set; }

    public int[] PrivateTemplates { get; set; } = [];

    /// <summary>Share of rows with no prompt_fingerprint (the classifier skipped them).</summary>
    public double NoFingerprintShare { get; set; } = 0.02;

    public required int[] WorkIps { get; set; }

    public required int[] OrdinaryIps { get; set; }

    public int Client { get; set; }

    public int AltClient { get; set; }

    public double AltClientShare { get; set; }

    /// <summary>Per model (release order): delay after release before this account uses it; long.MaxValue = never.</summary>
    public required long[] AdoptDelayMs { get; init; }

    /// <summary>Probability a work request uses the newest model the account has adopted.</summary>
    public double NewestShareWork { get; set; } = 0.8;

    public double NewestShareOrdinary { get; set; } = 0.6;

    public int WorkInputMin { get; set; } = 200;

    public int WorkInputMax { get; set; } = 1500;

    public int WorkOutputMin { get; set; } = 300;

    public int WorkOutputMax { get; set; } = 2000;

    public int OrdinaryInputMin { get; set; } = 20;

    public int OrdinaryInputMax { get; set; } = 900;

    public int OrdinaryOutputMin { get; set; } = 30;

    public int OrdinaryOutputMax { get; set; } = 900;
}
