namespace Distill.Attribution.Synthetic;

/// <summary>How a group spreads its work requests over time (the campaign's scheduler).</summary>
public enum Scheduler
{
    /// <summary>Crew bursts: every member fires on the group's grid (burst start + i·tick ± jitter): pairwise lockstep.</summary>
    CrewBursts,

    /// <summary>Load balancing over a random subset: each member picks random ticks of the group's sessions, so no pair meets more than chance while the crowd fires on one grid.</summary>
    RandomSubset,

    /// <summary>A work queue: members pull jobs in runs of back-to-back requests (exponential service times) while the group's queue is busy.</summary>
    WorkQueue,

    /// <summary>Round robin: job j of the group's stream goes to member j mod n; members never coincide, their union is one perfect grid.</summary>
    RoundRobin,

    /// <summary>Poisson arrivals: independent uniform times around the clock, no grid and no day curve.</summary>
    Poisson,

    /// <summary>Human-paced slow drip: a few diurnal requests a day per account, no shared timing at all.</summary>
    SlowDrip,
}
