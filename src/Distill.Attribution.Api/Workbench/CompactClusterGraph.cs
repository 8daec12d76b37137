using System.Runtime.CompilerServices;
using Distill.Attribution.Application.Clusters;

namespace Distill.Attribution.Api.Workbench;

/// <summary>
/// <see cref="ClusterGraph"/> by member index, for drawing a large cluster in one small response: the member ids
/// once, then parents, the users of each resource and the links (grouped by rule) as indexes into them. Same content
/// as the full form, about a quarter of its bytes for the 2,000-member benchmark cluster (docs/benchmarks.md).
/// Built once per graph (<see cref="Of"/>; a graph is cached per run and never changes, so neither does this).
/// </summary>
internal sealed class CompactClusterGraph
{
    // Keyed by the cached graph itself: the compact form lives exactly as long as ClusterGraphCache keeps its graph.
    private static readonly ConditionalWeakTable<ClusterGraph, CompactClusterGraph> Built = new();

    private CompactClusterGraph(ClusterGraph graph)
    {
        var index = new Dictionary<string, int>(graph.Members.Count, StringComparer.Ordinal);
        var members = new string[graph.Members.Count];
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = graph.Members[i].Account;
            index.TryAdd(members[i], i);
        }

        var parents = new int[members.Length];
        var depths = new int[members.Length];
        var matched = new List<Match>();
        for (var i = 0; i < members.Length; i++)
        {
            var m = graph.Members[i];
            parents[i] = m.Parent is { } p && index.TryGetValue(p, out var at) ? at : -1;
            depths[i] = m.Depth;
            if (m.MatchedIndicators.Count > 0)
            {
                matched.Add(new Match(i, m.MatchedIndicators));
            }
        }

        var resources = new Resource[graph.Resources.Count];
        for (var r = 0; r < resources.Length; r++)
        {
            var source = graph.Resources[r];
            resources[r] = new Resource(source.Kind, source.Value, source.Label, [.. Indexes(source.Members, index)], source.OutsideAccounts);
        }

        var byRule = new SortedDictionary<string, (List<int> From, List<int> To, List<double> Weights)>(StringComparer.Ordinal);
        foreach (var link in graph.Links)
        {
            // Links join members only; one whose end is not a member (none is, by construction) could not be drawn.
            if (!index.TryGetValue(link.From, out var from) || !index.TryGetValue(link.To, out var to))
            {
                continue;
            }

            if (!byRule.TryGetValue(link.Rule, out var set))
            {
                byRule[link.Rule] = set = ([], [], []);
            }

            set.From.Add(from);
            set.To.Add(to);
            set.Weights.Add(link.Weight);
        }

        Members = members;
        Parents = parents;
        Depths = depths;
        Matched = matched;
        Resources = resources;
        Links = [.. byRule.Select(kv => new RuleLinks(kv.Key, [.. kv.Value.From], [.. kv.Value.To], [.. kv.Value.Weights]))];
    }

    /// <summary>Member ids; every other list refers to a member by its index here.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>Index of each member's parent in the evidence tree; -1 for the core and in unflagged clusters.</summary>
    public IReadOnlyList<int> Parents { get; }

    public IReadOnlyList<int> Depths { get; }

    /// <summary>Only the members that match an operator indicator.</summary>
    public IReadOnlyList<Match> Matched { get; }

    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>The evidence links, one set per rule (rules in ordinal order).</summary>
    public IReadOnlyList<RuleLinks> Links { get; }

    public static CompactClusterGraph Of(ClusterGraph graph) => Built.GetValue(graph, static g => new CompactClusterGraph(g));

    private static IEnumerable<int> Indexes(IReadOnlyList<string> ids, Dictionary<string, int> index)
    {
        foreach (var id in ids)
        {
            if (index.TryGetValue(id, out var i))
            {
                yield return i;
            }
        }
    }

    /// <summary>A member (by index) and the indicators it matches.</summary>
    internal sealed record Match(int Member, IReadOnlyList<string> Indicators);

    /// <summary>A shared resource and its users inside the cluster, by member index.</summary>
    internal sealed record Resource(string Kind, string Value, string? Label, IReadOnlyList<int> Members, int OutsideAccounts);

    /// <summary>The links of one rule: link i joins members From[i] and To[i] with weight Weights[i].</summary>
    internal sealed record RuleLinks(string Rule, IReadOnlyList<int> From, IReadOnlyList<int> To, IReadOnlyList<double> Weights);
}
