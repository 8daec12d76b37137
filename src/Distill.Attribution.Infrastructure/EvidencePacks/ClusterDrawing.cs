using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Infrastructure.EvidencePacks;

/// <summary>
/// The picture of a cluster shared by graph.svg and the PDF: members on an outer circle (the evidence root
/// first), the shared values the evidence cites (instruments, IPs, templates, clients) on an inner circle,
/// an edge from each member to each value it shares, and the evidence tree's member–member links. Positions
/// are in a unit square [0, 1]²; everything is sorted, so the same cluster draws the same.
/// </summary>
internal sealed class ClusterDrawing
{
    private ClusterDrawing(string[] members, bool[] matched, string[] values, string[] valueKinds, (int From, int To, bool ToValue)[] edges)
    {
        Members = members;
        MemberMatched = matched;
        Values = values;
        ValueKinds = valueKinds;
        Edges = edges;
    }

    public string[] Members { get; }

    /// <summary>Whether the member matches an operator indicator itself.</summary>
    public bool[] MemberMatched { get; }

    public string[] Values { get; }

    public string[] ValueKinds { get; }

    /// <summary>Member index to member index, or member index to value index when <c>ToValue</c>.</summary>
    public (int From, int To, bool ToValue)[] Edges { get; }

    public (double X, double Y) MemberAt(int i) => OnCircle(i, Members.Length, 0.46);

    public (double X, double Y) ValueAt(int i) => OnCircle(i, Values.Length, 0.22);

    public static ClusterDrawing Of(DetectedCluster cluster)
    {
        var members = new List<string>(cluster.Members.Count);
        var root = cluster.Evidence?.Root;
        if (root is not null)
        {
            members.Add(root);
        }

        foreach (var m in cluster.Members)
        {
            if (!string.Equals(m, root, StringComparison.Ordinal))
            {
                members.Add(m);
            }
        }

        var memberIndex = new Dictionary<string, int>(members.Count, StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            memberIndex[members[i]] = i;
        }

        var matched = new bool[members.Count];
        var valueKeys = new SortedDictionary<string, (string Kind, string Value)>(StringComparer.Ordinal);
        var memberEdges = new SortedSet<(int, int)>();
        var valueEdgeKeys = new SortedSet<(int, string)>();
        foreach (var step in cluster.Evidence?.Steps ?? [])
        {
            if (step.MatchedIndicators.Count > 0 && memberIndex.TryGetValue(step.Member, out var mi))
            {
                matched[mi] = true;
            }

            foreach (var link in step.Links)
            {
                if (memberIndex.TryGetValue(link.From, out var a) && memberIndex.TryGetValue(link.To, out var b))
                {
                    memberEdges.Add((Math.Min(a, b), Math.Max(a, b)));
                }

                foreach (var record in link.Records)
                {
                    if (record.Value is { Length: > 0 } value && memberIndex.TryGetValue(record.Account, out var who))
                    {
                        var key = $"{record.Kind}\u001f{value}";
                        valueKeys[key] = (record.Kind, value);
                        valueEdgeKeys.Add((who, key));
                    }
                }
            }
        }

        var values = new string[valueKeys.Count];
        var kinds = new string[valueKeys.Count];
        var valueIndex = new Dictionary<string, int>(valueKeys.Count, StringComparer.Ordinal);
        var k = 0;
        foreach (var (key, (kind, value)) in valueKeys)
        {
            values[k] = value;
            kinds[k] = kind;
            valueIndex[key] = k++;
        }

        var edges = new List<(int, int, bool)>(memberEdges.Count + valueEdgeKeys.Count);
        foreach (var (a, b) in memberEdges)
        {
            edges.Add((a, b, false));
        }

        foreach (var (who, key) in valueEdgeKeys)
        {
            edges.Add((who, valueIndex[key], true));
        }

        return new ClusterDrawing([.. members], matched, values, kinds, [.. edges]);
    }

    private static (double X, double Y) OnCircle(int i, int n, double radius)
    {
        if (n <= 1)
        {
            return (0.5, 0.5);
        }

        var angle = (2 * Math.PI * i / n) - (Math.PI / 2);
        return (0.5 + (radius * Math.Cos(angle)), 0.5 + (radius * Math.Sin(angle)));
    }
}
