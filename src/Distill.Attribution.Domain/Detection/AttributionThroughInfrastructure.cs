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

        var owner = new int[index.Snapshot.Ips.Length + index.Snapshot.Instruments.Length];
        if (!MarkSources(clusters, groups, index, owner))
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
                foreach (var element in Elements(index, a))
                {
                    if (owner[element] >= 0)
                    {
                        var op = clusters[owner[element]].Operator!.OperatorId;
                        perOperator[op] = perOperator.GetValueOrDefault(op) + 1;
                    }
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
            var (source, shared, examples) = SharedElements(members, best, clusters, index, owner);
            var attribution = clusters[source].Operator!;
            clusters[c] = clusters[c] with
            {
                Operator = new OperatorAttribution(best, attribution.OperatorName, Math.Round(attribution.Confidence * share, 4), 0, [])
                {
                    Coverage = Math.Round(share, 4),
                    // A cluster's members are sorted: the first names it until the run assigns ids.
                    Through = new InfrastructureTie("", clusters[source].Members[0], riders[best], shared, examples),
                },
            };
        }
    }

    /// <summary>An account's addresses and payment instruments in one id space: addresses first, then instruments after
    /// the last address.</summary>
    private static IEnumerable<int> Elements(AccountIndex index, int account)
    {
        var s = index.Snapshot;
        var ips = index.IpIds;
        for (var k = index.IpOffsets[account]; k < index.IpOffsets[account + 1]; k++)
        {
            yield return ips[k];
        }

        for (var k = index.PaymentOffsets[account]; k < index.PaymentOffsets[account + 1]; k++)
        {
            yield return s.Ips.Length + s.PaymentInstrument[index.PaymentRows[k]];
        }
    }

    /// <summary>Marks each address and instrument that two or more members of one indicator-attributed flagged cluster use
    /// with that cluster's position, or as contested when clusters of two operators both use it so. False when there is no
    /// source at all.</summary>
    private static bool MarkSources(DetectedCluster[] clusters, IReadOnlyList<int[]> groups, AccountIndex index, int[] owner)
    {
        Array.Fill(owner, Unowned);
        var users = new int[owner.Length];
        var any = false;
        for (var c = 0; c < clusters.Length; c++)
        {
            if (clusters[c] is not { Flagged: true, Operator: { Through: null } })
            {
                continue;
            }

            any = true;
            foreach (var a in groups[c])
            {
                foreach (var element in Elements(index, a))
                {
                    users[element]++;
                }
            }

            foreach (var a in groups[c])
            {
                foreach (var element in Elements(index, a))
                {
                    if (users[element] >= 2)
                    {
                        Own(owner, element, c, clusters);
                    }

                    users[element] = 0;
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

    /// <summary>The operator's shared elements the members use: how many, a few examples, and the source cluster that holds
    /// most of them (on a tie the first in the run's order), which the tie names.</summary>
    private static (int Source, int Count, IReadOnlyList<string> Examples) SharedElements(int[] members, string op, DetectedCluster[] clusters,
        AccountIndex index, int[] owner)
    {
        var s = index.Snapshot;
        var shared = new HashSet<int>();
        foreach (var a in members)
        {
            foreach (var element in Elements(index, a))
            {
                if (owner[element] >= 0 && string.Equals(clusters[owner[element]].Operator!.OperatorId, op, StringComparison.Ordinal))
                {
                    shared.Add(element);
                }
            }
        }

        var held = shared.Select(e => owner[e]).GroupBy(o => o).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var examples = shared.Where(e => e >= s.Ips.Length).Select(e => $"payment:{s.Instruments[e - s.Ips.Length]}").Order(StringComparer.Ordinal)
            .Concat(shared.Where(e => e < s.Ips.Length).Select(e => $"ip:{s.Ips[e]}").Order(StringComparer.Ordinal))
            .Take(MaxExamples).ToArray();
        return (held, shared.Count, examples);
    }
}
