using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Graph.Community;

/// <summary>Quality of a partition under the constant Potts model (CPM).</summary>
public static class ConstantPottsModel
{
    /// <summary>
    /// Σ_c [e_c − γ n_c (n_c − 1) / 2], where e_c is the weight of the edges inside c (each edge once, a
    /// self-loop once) and n_c the number of nodes of c. Unlike modularity it is not normalised, so values
    /// compare only on the same graph.
    /// </summary>
    public static double Compute(CsrGraph graph, ReadOnlySpan<int> membership, double resolution)
    {
        var (internalWeight, size, _) = PartitionSums.Compute(graph, membership, unitNodeWeights: true);
        double q = 0;
        for (var c = 0; c < internalWeight.Length; c++)
        {
            q += internalWeight[c] - (resolution * size[c] * (size[c] - 1) / 2);
        }

        return q;
    }
}
