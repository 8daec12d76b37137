using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Graph.Community;

/// <summary>Per-community sums that the quality functions share.</summary>
internal static class PartitionSums
{
    /// <summary>
    /// Internal edge weight of every community (each edge once), the summed node weight (strength, or 1 per
    /// node) and the graph's total edge weight. Membership ids must be non-negative.
    /// </summary>
    public static (double[] Internal, double[] NodeWeight, double TotalWeight) Compute(
        CsrGraph graph, ReadOnlySpan<int> membership, bool unitNodeWeights)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        if (membership.Length != n)
        {
            throw new ArgumentException($"Membership has {membership.Length} entries for {n} nodes.", nameof(membership));
        }

        var k = 0;
        for (var u = 0; u < n; u++)
        {
            if (membership[u] < 0)
            {
                throw new ArgumentException($"Node {u} has a negative community id.", nameof(membership));
            }

            k = Math.Max(k, membership[u] + 1);
        }

        var internalWeight = new double[k];
        var nodeWeight = new double[k];
        var offsets = graph.Offsets;
        var targets = graph.Targets;
        var weights = graph.Weights;
        double loops = 0, arcs = 0;
        for (var u = 0; u < n; u++)
        {
            var cu = membership[u];
            double strength = 0;
            for (var e = offsets[u]; e < offsets[u + 1]; e++)
            {
                var v = targets[e];
                var w = weights[e];
                if (v == u)
                {
                    // Stored once, counts twice towards strength and once towards the internal weight.
                    strength += 2 * w;
                    loops += w;
                    internalWeight[cu] += w;
                }
                else
                {
                    strength += w;
                    arcs += w;
                    if (membership[v] == cu)
                    {
                        internalWeight[cu] += w / 2;
                    }
                }
            }

            nodeWeight[cu] += unitNodeWeights ? 1 : strength;
        }

        return (internalWeight, nodeWeight, loops + (arcs / 2));
    }
}
