using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Clusters;

/// <summary>
/// The evidence of one cluster indexed by member, built once per cluster and run, so a member's chain is a few
/// dictionary look-ups instead of a rebuild of the tree per member.
/// </summary>
public sealed class ClusterIndex
{
    private readonly Dictionary<string, EvidenceStep> _steps;
    private readonly EvidenceChain?[] _chains;
    private readonly IReadOnlyList<EvidenceStep> _ordered;
    private EvidenceStep[]? _byDepth;

    public ClusterIndex(DetectedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var steps = cluster.Evidence?.Steps ?? [];
        _ordered = steps;
        _steps = new Dictionary<string, EvidenceStep>(steps.Count, StringComparer.Ordinal);
        foreach (var step in steps)
        {
            _steps[step.Member] = step;
        }

        // Chains in the order the run stored the steps (the members' order; StepsByDepth has the core first, then by depth).
        var members = new string[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            members[i] = steps[i].Member;
        }

        ChainMembers = members;
        _chains = new EvidenceChain?[members.Length];
    }

    /// <summary>Members that have an evidence step (all members of a flagged cluster; none of an unflagged one).</summary>
    public IReadOnlyList<string> ChainMembers { get; }

    /// <summary>
    /// The chain of the member at <paramref name="position"/> of <see cref="ChainMembers"/>, built on first use and
    /// kept: a run's evidence never changes, and the API reads the same chains on every cluster-detail request.
    /// </summary>
    public EvidenceChain ChainAt(int position)
    {
        // Two threads may build the same chain at once; both results are equal and either may stay.
        return _chains[position] ??= ChainFor(ChainMembers[position]);
    }

    /// <summary>The chain of <paramref name="member"/>: its step, its parent's step, ... up to the core.</summary>
    public EvidenceChain ChainFor(string member)
    {
        var chain = AncestorsOf(member);
        return new EvidenceChain(member, chain.Count == 0 ? 0 : chain[0].Depth, chain);
    }

    /// <summary>
    /// The steps of <paramref name="member"/>'s chain without building an <see cref="EvidenceChain"/>: its own step
    /// first, then its parent's, up to the core; empty when the member has no step. A parent cycle (which a stored
    /// tree never has) ends the walk after one step per member.
    /// </summary>
    public IReadOnlyList<EvidenceStep> AncestorsOf(string member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var chain = new List<EvidenceStep>(4);
        string? current = member;
        while (current is not null && _steps.TryGetValue(current, out var step) && chain.Count < _steps.Count)
        {
            chain.Add(step);
            current = step.Parent;
        }

        return chain;
    }

    /// <summary>The evidence step of <paramref name="member"/>, or null when it has none (not a member of a flagged cluster).</summary>
    public EvidenceStep? StepOf(string member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return _steps.GetValueOrDefault(member);
    }

    /// <summary>
    /// Every step once, in the order an investigator reads a tree: the core, then by depth (members the clustering put
    /// in without a link of their own, depth -1, last), ties in the evidence's own order. Sorted on first use and kept.
    /// </summary>
    public IReadOnlyList<EvidenceStep> StepsByDepth => _byDepth ??= SortByDepth(_ordered);

    private static EvidenceStep[] SortByDepth(IReadOnlyList<EvidenceStep> steps)
    {
        var sorted = new EvidenceStep[steps.Count];
        var keys = new (int Depth, int Position)[steps.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = steps[i];
            keys[i] = (steps[i].Depth < 0 ? int.MaxValue : steps[i].Depth, i);
        }

        Array.Sort(keys, sorted);
        return sorted;
    }
}
