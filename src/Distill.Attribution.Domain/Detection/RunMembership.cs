namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// What a later run needs of an earlier one to give its clusters stable ids: the run's id, the next free cluster
/// number, and each cluster's id and members in the run's order. Reading this is far cheaper than reading a whole
/// run (no evidence, features or counter-evidence).
/// </summary>
public sealed class RunMembership
{
    public RunMembership(string runId, int nextClusterNumber, IReadOnlyList<ClusterMembership> clusters)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(clusters);
        RunId = runId;
        NextClusterNumber = nextClusterNumber;
        Clusters = clusters;
    }

    public string RunId { get; }

    public int NextClusterNumber { get; }

    /// <summary>In the run's order (the order lineage breaks ties by).</summary>
    public IReadOnlyList<ClusterMembership> Clusters { get; }

    /// <summary>The membership of a whole run.</summary>
    public static RunMembership Of(DetectionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunMembership(run.RunId, run.NextClusterNumber, [.. run.Clusters.Select(c => new ClusterMembership(c.Id, c.Members))]);
    }
}

/// <summary>One cluster's stable id and member account ids.</summary>
public sealed class ClusterMembership
{
    public ClusterMembership(string id, IReadOnlyList<string> members)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(members);
        Id = id;
        Members = members;
    }

    public string Id { get; }

    public IReadOnlyList<string> Members { get; }
}
