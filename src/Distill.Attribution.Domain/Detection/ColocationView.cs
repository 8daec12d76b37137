using Distill.Attribution.Graph.Community;
using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Groups of accounts that fill the same shared addresses, found at group level (no pair test): the account × address
/// bipartite graph is partitioned by Leiden on modularity, whose null model is the degree-preserving random graph, so a
/// block of accounts and addresses counts as a group only when it holds more of its own incidences than the addresses'
/// and accounts' degrees predict — whatever the size of the block or of the data. A group keeps the accounts with at
/// least <see cref="DetectionParameters.ColocationMinAddresses"/> of their shared addresses in it, peeled to those that
/// meet other remaining members on that many addresses (<see cref="Core"/>: a home user whose one address happens to be
/// a proxy exit is not tied to the exit's other users), and is kept when its members meet each other on their addresses
/// beyond a Poisson null at a level corrected for the number of candidate groups.
/// Why: accounts spread over a pool of busy proxy exits share almost nothing pairwise (two accounts of a 10,000-exit
/// pool share 0.08 exits), yet the pool's users are nearly all one operator's; only the group shows it.
/// </summary>
internal static class ColocationView
{
    public static ColocationGroups Detect(AccountIndex index, DetectionParameters p, CancellationToken cancellationToken = default)
    {
        var accounts = index.Snapshot.AccountCount;
        var ipCount = index.IpAccountCount.Length;
        var shared = 0;
        for (var ip = 0; ip < ipCount; ip++)
        {
            shared += index.IpAccountCount[ip] >= 2 ? 1 : 0;
        }

        if (shared == 0 || accounts < 3)
        {
            return ColocationGroups.Empty;
        }

        // Every address is a node, also those of one account: modularity's null reads an account's degree as all the
        // addresses it uses, so a block of accounts on a few shared addresses is weighed against the whole population's
        // incidences (without them a block that is the data's only shared structure is its whole graph, and splits at
        // a tie).
        var graph = AddressGraph(index);
        cancellationToken.ThrowIfCancellationRequested();
        var membership = Leiden.Run(graph, new LeidenOptions
        {
            Quality = LeidenQuality.Modularity,
            Resolution = p.ColocationResolution,
            Seed = unchecked((ulong)p.ClusteringSeed),
            MaxIterations = p.ColocationMaxIterations,
        }, cancellationToken).Membership;
        cancellationToken.ThrowIfCancellationRequested();

        // Tied members: accounts with ≥ ColocationMinAddresses of their addresses in their own community.
        var candidates = new List<int>[accounts + ipCount];
        for (var a = 0; a < accounts; a++)
        {
            var community = membership[a];
            var inside = 0;
            foreach (var ip in index.IpsOf(a))
            {
                inside += index.IpAccountCount[ip] >= 2 && membership[accounts + ip] == community ? 1 : 0;
            }

            if (inside >= p.ColocationMinAddresses)
            {
                (candidates[community] ??= []).Add(a);
            }
        }

        var groups = new List<int[]>();
        var onIp = new int[ipCount];
        foreach (var members in candidates)
        {
            if (members is not null && members.Count >= p.ColocationMinMembers)
            {
                var core = Core(index, members, p.ColocationMinAddresses, onIp);
                if (core.Count >= p.ColocationMinMembers)
                {
                    groups.Add([.. core]);
                }
            }
        }

        var result = new ColocationGroups.Builder();
        if (groups.Count == 0)
        {
            return result.Build(0);
        }

        // Bonferroni over the candidate groups: the level tightens as the data offers more groups to test.
        var log10Level = Math.Log10(p.CoUseMaxPValue / groups.Count);
        foreach (var members in groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (observed, expected, log10P) = Test(index, members, onIp);
            if (observed > expected && log10P <= log10Level)
            {
                result.Add(members, index, onIp, observed, expected, log10P);
            }

            Clear(index, members, onIp);
        }

        return result.Build(log10Level);
    }

    /// <summary>
    /// The account–address graph: account <c>a</c> is node <c>a</c>, address <c>ip</c> node <c>accounts + ip</c>, one edge of
    /// weight 1 per account and address it uses. Built straight from the index's lists (each account's addresses are
    /// distinct), with each node's neighbours ascending as <see cref="CsrGraphBuilder"/> would give them, without its
    /// edge buffer and per-row sorts: at scale the graph has tens of millions of incidences.
    /// </summary>
    internal static CsrGraph AddressGraph(AccountIndex index)
    {
        var accounts = index.Snapshot.AccountCount;
        var ipCount = index.IpAccountCount.Length;
        var offsets = new int[accounts + ipCount + 1];
        for (var a = 0; a < accounts; a++)
        {
            offsets[a + 1] = offsets[a] + index.IpOffsets[a + 1] - index.IpOffsets[a];
        }

        for (var ip = 0; ip < ipCount; ip++)
        {
            offsets[accounts + ip + 1] = offsets[accounts + ip] + index.IpAccountCount[ip];
        }

        var targets = new int[offsets[^1]];
        var weights = new double[targets.Length];
        Array.Fill(weights, 1.0);
        var cursor = offsets[accounts..];
        for (var a = 0; a < accounts; a++)
        {
            var row = offsets[a];
            foreach (var ip in index.IpsOf(a))
            {
                targets[row++] = accounts + ip;
                targets[cursor[ip]++] = a;
            }

            Array.Sort(targets, offsets[a], row - offsets[a]);
        }

        return new CsrGraph(offsets, targets, weights);
    }

    /// <summary>
    /// Peels the members down to those that meet other remaining members on at least <paramref name="minAddresses"/>
    /// distinct addresses (repeated until nothing changes): a chain of accounts that each share one address with the
    /// next is what the shared-IP view already weighs pair by pair, not a group filling the same addresses.
    /// </summary>
    internal static List<int> Core(AccountIndex index, List<int> members, int minAddresses, int[] onIp)
    {
        var core = new List<int>(members);
        foreach (var a in core)
        {
            foreach (var ip in index.IpsOf(a))
            {
                onIp[ip]++;
            }
        }

        var changed = true;
        while (changed && core.Count > 0)
        {
            changed = false;
            var kept = new List<int>(core.Count);
            var dropped = new List<int>();
            foreach (var a in core)
            {
                var met = 0;
                foreach (var ip in index.IpsOf(a))
                {
                    met += onIp[ip] >= 2 ? 1 : 0;
                }

                (met >= minAddresses ? kept : dropped).Add(a);
            }

            foreach (var a in dropped)
            {
                foreach (var ip in index.IpsOf(a))
                {
                    onIp[ip]--;
                }
            }

            changed = dropped.Count > 0;
            core = kept;
        }

        Clear(index, core, onIp);
        return core;
    }

    /// <summary>Zeroes the members' addresses in <paramref name="onIp"/> (the scratch counts <see cref="Core"/> and
    /// <see cref="Meetings"/> leave).</summary>
    private static void Clear(AccountIndex index, IEnumerable<int> members, int[] onIp)
    {
        foreach (var a in members)
        {
            foreach (var ip in index.IpsOf(a))
            {
                onIp[ip] = 0;
            }
        }
    }

    /// <summary><see cref="Meetings"/> and the Poisson tail of the observed meetings (log10); leaves the counts in
    /// <paramref name="onIp"/>.</summary>
    private static (double Observed, double Expected, double Log10P) Test(AccountIndex index, IReadOnlyList<int> members, int[] onIp)
    {
        var (observed, expected) = Meetings(index, members, onIp);
        return (observed, expected, CoUseView.Log10PoissonTail(expected, (int)Math.Min(int.MaxValue, observed)));
    }

    /// <summary>How often the members meet each other on their addresses (Σ over members and their addresses of the other
    /// members there) and how often a random set of that many accounts would (an address with d accounts holds each of the
    /// other m − 1 members with probability (d − 1) / (N − 1)). Leaves the members per address in <paramref name="onIp"/>.</summary>
    internal static (double Observed, double Expected) Meetings(AccountIndex index, IReadOnlyList<int> members, int[] onIp)
    {
        var m = members.Count;
        var population = Math.Max(2, index.Snapshot.AccountCount);
        foreach (var a in members)
        {
            foreach (var ip in index.IpsOf(a))
            {
                onIp[ip]++;
            }
        }

        double observed = 0, expected = 0;
        foreach (var a in members)
        {
            foreach (var ip in index.IpsOf(a))
            {
                observed += onIp[ip] - 1;
                expected += (index.IpAccountCount[ip] - 1) * (double)(m - 1) / (population - 1);
            }
        }

        return (observed, expected);
    }

    /// <summary>
    /// Gives every co-location group's members that the clustering step left alone (singletons) a cluster of their own,
    /// when at least <see cref="DetectionParameters.ColocationMinMembers"/> of them remain after the same peeling
    /// (<see cref="Core"/>) and they still meet beyond the group's level among themselves; links each of them to its next <see cref="DetectionParameters.LargeGroupWindow"/>
    /// in a hashed order (no all-pairs work; weighted like co-use: half at the level, full at its square), so the evidence
    /// chains can cite the group. Clusters the clustering formed are left exactly as they are. Returns a new membership.
    /// </summary>
    public static int[] Adopt(ColocationGroups groups, AccountIndex index, int[] membership, DetectionParameters p, LinkSet links) =>
        Adopt(groups, index, membership, p, links, out _);

    /// <summary><see cref="Adopt(ColocationGroups, AccountIndex, int[], DetectionParameters, LinkSet)"/>, also giving each
    /// group's new label (-1 when its lone members formed no cluster).</summary>
    internal static int[] Adopt(ColocationGroups groups, AccountIndex index, int[] membership, DetectionParameters p, LinkSet links, out int[] groupLabels)
    {
        groupLabels = new int[groups.Count];
        Array.Fill(groupLabels, -1);
        if (groups.Count == 0)
        {
            return membership;
        }

        var result = (int[])membership.Clone();
        var next = 0;
        var size = new Dictionary<int, int>();
        foreach (var label in membership)
        {
            size[label] = size.GetValueOrDefault(label) + 1;
            next = Math.Max(next, label + 1);
        }

        var onIp = new int[index.IpAccountCount.Length];
        for (var g = 0; g < groups.Count; g++)
        {
            var alone = new List<int>();
            foreach (var a in groups.MembersOf(g))
            {
                if (size[membership[a]] == 1)
                {
                    alone.Add(a);
                }
            }

            var formed = Form(groups, index, alone, p, onIp);
            if (formed is null)
            {
                continue;
            }

            Link(formed.Value.Members, formed.Value.Log10P, _ => true, g, groups, p, links);
            foreach (var a in formed.Value.Members)
            {
                result[a] = next;
            }

            groupLabels[g] = next++;
        }

        return result;
    }

    /// <summary>
    /// After a first scoring: a cluster the clustering formed (from a shared card or address) that is not flagged on its
    /// own, presents as no organisation, and has more than half its members in one co-location group joins that group's
    /// adopted cluster when the adopted cluster is flagged on its own evidence, and the joined members pass the group's
    /// peeling and test again. Only crews move toward a group already found; a group is never built from, or flagged
    /// because of, the clusters it receives (merging a lab into its campus neighbours' group flagged the neighbours), and
    /// flagged clusters are never touched, so nothing the other views found is diluted. Returns the new membership and the
    /// labels whose members changed (empty when none did).
    /// </summary>
    internal static (int[] Membership, HashSet<int> Changed) Absorb(ColocationGroups groups, AccountIndex index, int[] membership,
        IReadOnlyDictionary<int, (bool Flagged, bool Open)> verdicts, int[] groupLabels, DetectionParameters p, LinkSet links)
    {
        var changed = new HashSet<int>();
        if (groups.Count == 0 || !p.ColocationAbsorbUnflagged)
        {
            return (membership, changed);
        }

        var (offsets, rows) = AccountIndex.GroupRows(membership, membership.Length == 0 ? 0 : membership.Max() + 1);
        var result = (int[])membership.Clone();
        // groupOf[a] = g + 1 for the members of group g; groups are disjoint, so a mark never needs clearing.
        var groupOf = new int[membership.Length];
        var onIp = new int[index.IpAccountCount.Length];
        for (var g = 0; g < groups.Count; g++)
        {
            var target = groupLabels[g];
            if (target < 0 || !verdicts.TryGetValue(target, out var group) || !group.Flagged)
            {
                continue;
            }

            foreach (var a in groups.MembersOf(g))
            {
                groupOf[a] = g + 1;
            }

            // Clusters with at least ColocationAbsorbMinInsideShare of their members in the group; their members outside it
            // (peeled off: fewer than two addresses shared with other members) come along, tied to their crew by the links
            // that formed it.
            // Each cluster is looked at once (a cluster with many members in the group is not rescanned per member).
            var contained = new List<int>();
            var seen = new HashSet<int> { target };
            foreach (var a in groups.MembersOf(g))
            {
                var label = membership[a];
                if (!seen.Add(label) || !verdicts.TryGetValue(label, out var verdict) || verdict.Flagged || verdict.Open)
                {
                    continue;
                }

                var inside = 0;
                for (var k = offsets[label]; k < offsets[label + 1]; k++)
                {
                    inside += groupOf[rows[k]] == g + 1 ? 1 : 0;
                }

                if (inside >= p.ColocationAbsorbMinInsideShare * (offsets[label + 1] - offsets[label]))
                {
                    contained.Add(label);
                }
            }

            if (contained.Count == 0)
            {
                continue;
            }

            var candidates = new List<int>();
            var joined = new HashSet<int>();
            foreach (var label in contained)
            {
                for (var k = offsets[label]; k < offsets[label + 1]; k++)
                {
                    if (groupOf[rows[k]] == g + 1)
                    {
                        candidates.Add(rows[k]);
                    }

                    joined.Add(rows[k]);
                }
            }

            candidates.AddRange(rows.AsSpan(offsets[target], offsets[target + 1] - offsets[target]));

            var formed = Form(groups, index, candidates, p, onIp);
            // The group's peeling and test on the joined members in the group: all of them must stay (crews join whole).
            if (formed is null || formed.Value.Members.Length != candidates.Count)
            {
                continue;
            }

            Link(formed.Value.Members, formed.Value.Log10P, joined.Contains, g, groups, p, links);
            foreach (var a in joined)
            {
                result[a] = target;
            }

            changed.Add(target);
            changed.UnionWith(contained);
        }

        return (result, changed);
    }

    /// <summary>The members of <paramref name="candidates"/> that meet each other on ≥ <see cref="DetectionParameters.ColocationMinAddresses"/>
    /// addresses (peeled) when they still pass the group test, else null.</summary>
    private static (int[] Members, double Log10P)? Form(ColocationGroups groups, AccountIndex index, List<int> candidates, DetectionParameters p, int[] onIp)
    {
        var members = candidates.Count < p.ColocationMinMembers ? candidates : Core(index, candidates, p.ColocationMinAddresses, onIp);
        if (members.Count < p.ColocationMinMembers)
        {
            return null;
        }

        var (observed, expected, log10P) = Test(index, members, onIp);
        Clear(index, members, onIp);
        return observed <= expected || log10P > groups.Log10Level ? null : ([.. members], log10P);
    }

    /// <summary>co_location links: each member to its next <see cref="DetectionParameters.LargeGroupWindow"/> in an order
    /// hashed by the clustering seed, only for pairs with a member <paramref name="isNew"/> says is joining.</summary>
    private static void Link(int[] members, double log10P, Func<int, bool> isNew, int group, ColocationGroups groups, DetectionParameters p, LinkSet links)
    {
        var full = 2 * Math.Abs(groups.Log10Level);
        var window = Math.Max(1, p.LargeGroupWindow);
        var seed = unchecked((uint)p.ClusteringSeed);
        var ordered = (int[])members.Clone();
        Array.Sort(ordered, (x, y) => Mix(x, seed).CompareTo(Mix(y, seed)));
        var weight = p.ColocationLinkWeight * (full > 0 && double.IsFinite(full) ? Math.Min(1, -log10P / full) : 1);
        for (var i = 0; i < ordered.Length; i++)
        {
            for (var j = i + 1; j <= i + window && j < ordered.Length; j++)
            {
                if (isNew(ordered[i]) || isNew(ordered[j]))
                {
                    links.Add(ordered[i], ordered[j], LinkRule.Colocation, weight, group);
                }
            }
        }
    }

    private static uint Mix(int value, uint seed)
    {
        var x = unchecked((uint)value ^ seed) * 0x9E3779B1u;
        x ^= x >> 15;
        x *= 0x85EBCA77u;
        return x ^ (x >> 13);
    }
}

/// <summary>The co-location groups a detection found: members, the addresses they fill and the test each passed.</summary>
internal sealed class ColocationGroups
{
    private ColocationGroups(int[] memberOffsets, int[] members, int[] ipOffsets, int[] ips, int[] ipMembers,
        double[] observed, double[] expected, double[] log10P, double log10Level)
    {
        MemberOffsets = memberOffsets;
        Members = members;
        IpOffsets = ipOffsets;
        Ips = ips;
        IpMembers = ipMembers;
        Observed = observed;
        Expected = expected;
        Log10P = log10P;
        Log10Level = log10Level;
    }

    public static ColocationGroups Empty { get; } = new([0], [], [0], [], [], [], [], [], 0);

    public int Count => MemberOffsets.Length - 1;

    public int[] MemberOffsets { get; }

    public int[] Members { get; }

    /// <summary>Each group's addresses used by two or more of its members, most members first.</summary>
    public int[] IpOffsets { get; }

    public int[] Ips { get; }

    /// <summary>The group's members on each of <see cref="Ips"/>.</summary>
    public int[] IpMembers { get; }

    public double[] Observed { get; }

    public double[] Expected { get; }

    public double[] Log10P { get; }

    public double Log10Level { get; }

    public ReadOnlySpan<int> MembersOf(int group) => Members.AsSpan(MemberOffsets[group], MemberOffsets[group + 1] - MemberOffsets[group]);

    public ReadOnlySpan<int> IpsOf(int group) => Ips.AsSpan(IpOffsets[group], IpOffsets[group + 1] - IpOffsets[group]);

    internal sealed class Builder
    {
        private readonly List<int> _memberOffsets = [0];
        private readonly List<int> _members = [];
        private readonly List<int> _ipOffsets = [0];
        private readonly List<int> _ips = [];
        private readonly List<int> _ipMembers = [];
        private readonly List<double> _observed = [];
        private readonly List<double> _expected = [];
        private readonly List<double> _log10P = [];

        /// <summary>Adds a group; <paramref name="onIp"/> holds its members per address (as left by Meetings).</summary>
        public void Add(IReadOnlyList<int> members, AccountIndex index, int[] onIp, double observed, double expected, double log10P)
        {
            var sorted = members.ToArray();
            Array.Sort(sorted);
            _members.AddRange(sorted);
            _memberOffsets.Add(_members.Count);
            var ips = new HashSet<int>();
            foreach (var a in sorted)
            {
                foreach (var ip in index.IpsOf(a))
                {
                    if (onIp[ip] >= 2)
                    {
                        ips.Add(ip);
                    }
                }
            }

            foreach (var ip in ips.OrderByDescending(ip => onIp[ip]).ThenBy(ip => ip))
            {
                _ips.Add(ip);
                _ipMembers.Add(onIp[ip]);
            }

            _ipOffsets.Add(_ips.Count);
            _observed.Add(observed);
            _expected.Add(expected);
            _log10P.Add(log10P);
        }

        public ColocationGroups Build(double log10Level) => new([.. _memberOffsets], [.. _members], [.. _ipOffsets], [.. _ips],
            [.. _ipMembers], [.. _observed], [.. _expected], [.. _log10P], log10Level);
    }
}
