using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// The picture of a cluster shared by graph.svg and the PDF: the members (the evidence root first), the shared
/// values the evidence cites (instruments, IPs, templates, clients), an edge from each member to each value it
/// shares, and the evidence tree's member–member links. Laid out force-directed (Fruchterman–Reingold) so that
/// crews sharing a value bunch around it and hubs sit between them; above <see cref="MaxForceNodes"/> nodes, in
/// rings by evidence depth around the shared values. Positions are in a unit square [0, 1]²; the start is fixed
/// and the arithmetic is plain IEEE doubles, so the same cluster draws the same, byte for byte.
/// </summary>
internal sealed class ClusterDrawing
{
    /// <summary>Most nodes laid out force-directed (quadratic per iteration); larger clusters get the ring layout.</summary>
    internal const int MaxForceNodes = 400;

    private readonly (double X, double Y)[] memberAt;
    private readonly (double X, double Y)[] valueAt;

    private ClusterDrawing(string[] members, bool[] matched, int[] depths, string[] values, string[] valueKinds, (int From, int To, bool ToValue)[] edges)
    {
        Members = members;
        MemberMatched = matched;
        Values = values;
        ValueKinds = valueKinds;
        Edges = edges;
        (memberAt, valueAt) = members.Length + values.Length <= MaxForceNodes
            ? ForceDirected(members.Length, values.Length, edges)
            : Rings(depths, values.Length);
    }

    /// <summary>Whether the force-directed layout was used (false: rings by evidence depth).</summary>
    public bool ForceLayout => Members.Length + Values.Length <= MaxForceNodes;

    public string[] Members { get; }

    /// <summary>Whether the member matches an operator indicator itself.</summary>
    public bool[] MemberMatched { get; }

    public string[] Values { get; }

    public string[] ValueKinds { get; }

    /// <summary>Member index to member index, or member index to value index when <c>ToValue</c>.</summary>
    public (int From, int To, bool ToValue)[] Edges { get; }

    public (double X, double Y) MemberAt(int i) => memberAt[i];

    public (double X, double Y) ValueAt(int i) => valueAt[i];

    /// <summary>The key a member is shown with in the drawing and its table ("M1" is the evidence root).</summary>
    public static string MemberKey(int i) => "M" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The key a shared value is shown with.</summary>
    public static string ValueKey(int i) => "S" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

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
        var depths = new int[members.Count];
        var valueKeys = new SortedDictionary<string, (string Kind, string Value)>(StringComparer.Ordinal);
        var memberEdges = new SortedSet<(int, int)>();
        var valueEdgeKeys = new SortedSet<(int, string)>();
        foreach (var step in cluster.Evidence?.Steps ?? [])
        {
            if (memberIndex.TryGetValue(step.Member, out var mi))
            {
                matched[mi] |= step.MatchedIndicators.Count > 0;
                depths[mi] = step.Depth;
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

        return new ClusterDrawing([.. members], matched, depths, values, kinds, [.. edges]);
    }

    /// <summary>
    /// Fruchterman–Reingold: every pair repels (k²/d), every edge attracts (d²/k), moves capped by a temperature
    /// that cools linearly; start on two circles (members outside, values inside), then scaled into the square.
    /// </summary>
    private static ((double, double)[] Members, (double, double)[] Values) ForceDirected(int members, int values, (int From, int To, bool ToValue)[] edges)
    {
        var n = members + values;
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            (x[i], y[i]) = i < members ? OnCircle(i, members, 0.46) : OnCircle(i - members, values, 0.22);
        }

        if (n > 1)
        {
            var k = Math.Sqrt(1.0 / n);
            var iterations = n <= 150 ? 300 : 150;
            var dx = new double[n];
            var dy = new double[n];
            for (var it = 0; it < iterations; it++)
            {
                Array.Clear(dx);
                Array.Clear(dy);
                for (var i = 0; i < n; i++)
                {
                    for (var j = i + 1; j < n; j++)
                    {
                        var ex = x[i] - x[j];
                        var ey = y[i] - y[j];
                        var d2 = Math.Max((ex * ex) + (ey * ey), 1e-6);
                        var f = k * k / d2; // (k²/d) along the unit vector (ex, ey)/d
                        dx[i] += ex * f;
                        dy[i] += ey * f;
                        dx[j] -= ex * f;
                        dy[j] -= ey * f;
                    }
                }

                foreach (var (from, to, toValue) in edges)
                {
                    var a = from;
                    var b = toValue ? members + to : to;
                    var ex = x[a] - x[b];
                    var ey = y[a] - y[b];
                    var d = Math.Max(Math.Sqrt((ex * ex) + (ey * ey)), 1e-3);
                    var f = d / k; // (d²/k) along the unit vector
                    dx[a] -= ex * f;
                    dy[a] -= ey * f;
                    dx[b] += ex * f;
                    dy[b] += ey * f;
                }

                var temperature = 0.1 * (1.0 - ((double)it / iterations));
                for (var i = 0; i < n; i++)
                {
                    var len = Math.Sqrt((dx[i] * dx[i]) + (dy[i] * dy[i]));
                    if (len > 0)
                    {
                        var step = Math.Min(len, temperature) / len;
                        x[i] += dx[i] * step;
                        y[i] += dy[i] * step;
                    }
                }
            }
        }

        Normalize(x, y);
        var m = new (double, double)[members];
        var v = new (double, double)[values];
        for (var i = 0; i < n; i++)
        {
            if (i < members)
            {
                m[i] = (x[i], y[i]);
            }
            else
            {
                v[i - members] = (x[i], y[i]);
            }
        }

        return (m, v);
    }

    /// <summary>Large clusters: the shared values on an inner circle, members on rings by evidence depth (root inside).</summary>
    private static ((double, double)[] Members, (double, double)[] Values) Rings(int[] depths, int values)
    {
        var maxDepth = depths.Length == 0 ? 0 : depths.Max();
        var perDepth = new int[maxDepth + 1];
        foreach (var d in depths)
        {
            perDepth[d]++;
        }

        var seen = new int[maxDepth + 1];
        var m = new (double, double)[depths.Length];
        for (var i = 0; i < depths.Length; i++)
        {
            var d = depths[i];
            var radius = maxDepth == 0 ? 0.46 : 0.26 + (0.2 * d / maxDepth);
            m[i] = OnCircle(seen[d]++, perDepth[d], radius);
        }

        var v = new (double, double)[values];
        for (var i = 0; i < values; i++)
        {
            v[i] = OnCircle(i, values, 0.18);
        }

        return (m, v);
    }

    private static void Normalize(double[] x, double[] y)
    {
        if (x.Length == 0)
        {
            return;
        }

        var (minX, maxX, minY, maxY) = (x.Min(), x.Max(), y.Min(), y.Max());
        var span = Math.Max(Math.Max(maxX - minX, maxY - minY), 1e-9);
        var (offX, offY) = ((span - (maxX - minX)) / 2, (span - (maxY - minY)) / 2);
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = x.Length == 1 ? 0.5 : 0.04 + (0.92 * (x[i] - minX + offX) / span);
            y[i] = y.Length == 1 ? 0.5 : 0.04 + (0.92 * (y[i] - minY + offY) / span);
        }
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
