namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Names the operator of flagged clusters that no indicator reaches through the infrastructure they share with flagged
/// clusters that indicators attribute (decision D47). A reseller's crews that the clustering formed apart from its main
/// block (from a card of their own) send through the block's exits, many distinct ones each; the indicators that name the
/// block reach too few of a crew's members to name it. An innocent user behind one of those exits uses one of them.
/// </summary>
internal static class AttributionThroughInfrastructure
{
    private const int Unowned = -1;
    private const int Contested = -2;
    private const int MaxExamples = 5;

    /// <summary>
    /// Attributes, in place, the flagged clusters of <paramref name="clusters"/> (aligned with <paramref name="groups"/>, their
    /// members as snapshot indices) that have no operator, as <see cref="DetectionParameters.AttributionThroughMinShare"/>
    /// says. Sources are the clusters attributed by indicators before this call; what it attributes is never a source.
    /// </summary>
    /// <param name="clusters">The run's clusters; flagged ones without an operator may gain one.</param>
    /// <param name="groups">Each cluster's members (snapshot indices), at the cluster's position.</param>
    /// <param name="index">The account index the clusters were scored on.</param>
    /// <param name="parameters">The run's parameters.</param>
    /// <param name="operatorsReaching">The operators any indicator of which reaches a member of the given cluster.</param>
    public static void Apply(DetectedCluster[] clusters, IReadOnlyList<int[]> groups, AccountIndex index, DetectionParameters parameters,
        Func<int[], IReadOnlySet<string>> operatorsReaching)
    {
        if (parameters.AttributionThroughMinShare <= 0)
        {
            return;
        }

        var s = index.Snapshot;
        var ipOwner = new int[s.Ips.Length];
        var instrumentOwner = new int[s.Instruments.Length];
        if (!MarkSources(clusters, groups, index, ipOwner, instrumentOwner))
        {
            return;
        }

        var perOperator = new Dictionary<string, int>(StringComparer.Ordinal);
        var riders = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < clusters.Length; c++)
        {
            if (clusters[c] is not { Flagged: true, Operator: null })
            {
                continue;
            }

            var members = groups[c];
            riders.Clear();
            foreach (var a in members)
            {
                perOperator.Clear();
                foreach (var ip in index.IpsOf(a))
                {
                    Count(perOperator, ipOwner[ip], clusters);
                }

                for (var k = index.PaymentOffsets[a]; k < index.PaymentOffsets[a + 1]; k++)
                {
                    Count(perOperator, instrumentOwner[s.PaymentInstrument[index.PaymentRows[k]]], clusters);
                }

                foreach (var (op, elements) in perOperator)
                {
                    if (elements >= parameters.AttributionThroughMinElements)
                    {
                        riders[op] = riders.GetValueOrDefault(op) + 1;
                    }
                }
            }

            // The operator most members ride; on a tie the first by id, so the result does not depend on hashing.
            string? best = null;
            foreach (var (op, count) in riders)
            {
                if (best is null || count > riders[best] || (count == riders[best] && string.CompareOrdinal(op, best) < 0))
                {
                    best = op;
                }
            }

            if (best is null || riders[best] < parameters.AttributionThroughMinShare * members.Length
                || operatorsReaching(members).Any(o => !string.Equals(o, best, StringComparison.Ordinal)))
            {
                continue;
            }

            var share = (double)riders[best] / members.Length;
            var (source, shared, examples) = SharedElements(members, best, clusters, index, ipOwner, instrumentOwner);
            var attribution = clusters[source].Operator!;
            clusters[c] = clusters[c] with
            {
                Operator = new OperatorAttribution(best, attribution.OperatorName, Math.Round(attribution.Confidence * share, 4), 0, [])
                {
                    Coverage = Math.Round(share, 4),
                    Through = new InfrastructureTie("", FirstMember(groups[source], s), riders[best], shared, examples),
                },
            };
        }
    }

    /// <summary>Marks each address and instrument that two or more members of one indicator-attributed flagged cluster use
    /// with that cluster's position, or as contested when clusters of two operators both use it so. False when there is no
    /// source at all.</summary>
    private static bool MarkSources(DetectedCluster[] clusters, IReadOnlyList<int[]> groups, AccountIndex index, int[] ipOwner, int[] instrumentOwner)
    {
        var s = index.Snapshot;
        Array.Fill(ipOwner, Unowned);
        Array.Fill(instrumentOwner, Unowned);
        var ipUsers = new int[ipOwner.Length];
        var instrumentUsers = new int[instrumentOwner.Length];
        var any = false;
        for (var c = 0; c < clusters.Length; c++)
        {
            if (clusters[c] is not { Flagged: true, Operator: { Through: null } })
            {
                continue;
            }

            any = true;
            var members = groups[c];
            foreach (var a in members)
            {
                foreach (var ip in index.IpsOf(a))
                {
                    ipUsers[ip]++;
                }

                for (var k = index.PaymentOffsets[a]; k < index.PaymentOffsets[a + 1]; k++)
                {
                    instrumentUsers[s.PaymentInstrument[index.PaymentRows[k]]]++;
                }
            }

            foreach (var a in members)
            {
                foreach (var ip in index.IpsOf(a))
                {
                    if (ipUsers[ip] >= 2)
                    {
                        Own(ipOwner, ip, c, clusters);
                    }

                    ipUsers[ip] = 0;
                }

                for (var k = index.PaymentOffsets[a]; k < index.PaymentOffsets[a + 1]; k++)
                {
                    var instrument = s.PaymentInstrument[index.PaymentRows[k]];
                    if (instrumentUsers[instrument] >= 2)
                    {
                        Own(instrumentOwner, instrument, c, clusters);
                    }

                    instrumentUsers[instrument] = 0;
                }
            }
        }

        return any;
    }

    private static void Own(int[] owner, int element, int cluster, DetectedCluster[] clusters)
    {
        var current = owner[element];
        if (current == Unowned)
        {
            owner[element] = cluster;
        }
        else if (current >= 0 && !string.Equals(clusters[current].Operator!.OperatorId, clusters[cluster].Operator!.OperatorId, StringComparison.Ordinal))
        {
            owner[element] = Contested;
        }
    }

    private static void Count(Dictionary<string, int> perOperator, int owner, DetectedCluster[] clusters)
    {
        if (owner >= 0)
        {
            var op = clusters[owner].Operator!.OperatorId;
            perOperator[op] = perOperator.GetValueOrDefault(op) + 1;
        }
    }

    /// <summary>The operator's shared elements the members use: how many, a few examples, and the source cluster that holds
    /// most of them (on a tie the first in the run's order), which the tie names.</summary>
    private static (int Source, int Count, IReadOnlyList<string> Examples) SharedElements(int[] members, string op, DetectedCluster[] clusters,
        AccountIndex index, int[] ipOwner, int[] instrumentOwner)
    {
        var s = index.Snapshot;
        var ips = new HashSet<int>();
        var instruments = new HashSet<int>();
        foreach (var a in members)
        {
            foreach (var ip in index.IpsOf(a))
            {
                if (OwnedBy(ipOwner[ip]))
                {
                    ips.Add(ip);
                }
            }

            for (var k = index.PaymentOffsets[a]; k < index.PaymentOffsets[a + 1]; k++)
            {
                var instrument = s.PaymentInstrument[index.PaymentRows[k]];
                if (OwnedBy(instrumentOwner[instrument]))
                {
                    instruments.Add(instrument);
                }
            }
        }

        var held = ips.Select(i => ipOwner[i]).Concat(instruments.Select(i => instrumentOwner[i])).GroupBy(o => o)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var examples = instruments.Select(i => $"payment:{s.Instruments[i]}").Order(StringComparer.Ordinal)
            .Concat(ips.Select(i => $"ip:{s.Ips[i]}").Order(StringComparer.Ordinal))
            .Take(MaxExamples).ToArray();
        return (held, ips.Count + instruments.Count, examples);

        bool OwnedBy(int owner) => owner >= 0 && string.Equals(clusters[owner].Operator!.OperatorId, op, StringComparison.Ordinal);
    }

    private static string FirstMember(int[] members, DetectionSnapshot s)
    {
        var first = s.AccountIds[members[0]];
        foreach (var a in members)
        {
            if (string.CompareOrdinal(s.AccountIds[a], first) < 0)
            {
                first = s.AccountIds[a];
            }
        }

        return first;
    }
}
