namespace Distill.Attribution.Graph.Csr;

/// <summary>
/// An undirected weighted graph in compressed sparse row form: the neighbours of node <c>u</c> are
/// <c>Targets[Offsets[u]..Offsets[u+1]]</c> with <c>Weights</c> alongside. Every edge is stored in both
/// directions; a self-loop is stored once. Nodes are dense ints 0..NodeCount-1.
/// </summary>
public sealed class CsrGraph
{
    public CsrGraph(int[] offsets, int[] targets, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(weights);
        if (offsets.Length == 0 || targets.Length != weights.Length || offsets[^1] != targets.Length)
        {
            throw new ArgumentException("Offsets, targets and weights do not describe one CSR graph.");
        }

        Offsets = offsets;
        Targets = targets;
        Weights = weights;
    }

    public int NodeCount => Offsets.Length - 1;

    /// <summary>Length NodeCount + 1.</summary>
    public int[] Offsets { get; }

    public int[] Targets { get; }

    public double[] Weights { get; }

    public ReadOnlySpan<int> Neighbors(int node) => Targets.AsSpan(Offsets[node], Offsets[node + 1] - Offsets[node]);

    public ReadOnlySpan<double> NeighborWeights(int node) => Weights.AsSpan(Offsets[node], Offsets[node + 1] - Offsets[node]);
}
