using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Graph.Community;

/// <summary>Newman–Girvan modularity of a partition, with a resolution parameter.</summary>
public static class Modularity
{
    /// <summary>
    /// Σ_c [e_c / m − γ (K_c / 2m)²], where e_c is the weight of the edges inside c (each edge once, a
    /// self-loop once), K_c the summed strength of c's nodes (a self-loop counts twice) and m the total edge
    /// weight. The same definition as igraph's <c>modularity</c>. Returns NaN for a graph without weight.
    /// </summary>
    public static double Compute(CsrGraph graph, ReadOnlySpan<int> membership, double resolution = 1.0)
    {
        var (internalWeight, clusterStrength, totalWeight) = PartitionSums.Compute(graph, membership, unitNodeWeights: false);
        if (totalWeight <= 0)
        {
            return double.NaN;
        }

        var twoM = 2 * totalWeight;
        double q = 0;
        for (var c = 0; c < internalWeight.Length; c++)
        {
            var k = clusterStrength[c] / twoM;
            q += (internalWeight[c] / totalWeight) - (resolution * k * k);
        }

        return q;
    }
}
