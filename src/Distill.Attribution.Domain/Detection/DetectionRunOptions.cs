namespace Distill.Attribution.Domain.Detection;

/// <summary>How a detection run uses its process. None of it changes what is detected (nor the parameters hash).</summary>
public sealed class DetectionRunOptions
{
    /// <summary>
    /// Runs over at least 4 M requests collect and compact the whole heap between phases, returning the phases' large
    /// arrays to the system, so the peak is the largest phase's working set rather than two phases' together (decision
    /// D31: held-out scale 1, 4.1 → 3.95 GiB, 0.2–0.5 s per collection). Only where skipping one raised the peak (decision
    /// D39): after the views and after the clustering, with <see cref="OverlapPhases"/>; without it, also before and after
    /// the co-location search. For a process that does nothing else meanwhile (the CLI's <c>detect</c>); a server or a live
    /// loop would pause its other work for each collection.
    /// </summary>
    public bool CompactBetweenPhases { get; init; }

    /// <summary>
    /// Threads that score clusters side by side, and explain the flagged ones (0 or 1: one). Each thread past the first holds
    /// its own scratch, about 20 bytes per distinct prompt template and 4 per IP address (held-out scale 1: 4.6 M templates,
    /// 95 MB). Hosts pass their processor count; the clusters are the same for any value.
    /// </summary>
    public int ScoringThreads { get; init; }

    /// <summary>
    /// Runs the lockstep view on another thread while the run builds its account index and shared-record views, and the
    /// co-location groups' search on another thread while the run projects and clusters the other views' links and sets up
    /// its scorer (one core each; the groups then come after co-use instead of before it). Pairs, links and groups are the
    /// same either way. For hosts with more than one processor.
    /// </summary>
    public bool OverlapPhases { get; init; }
}
