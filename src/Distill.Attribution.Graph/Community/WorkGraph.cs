namespace Distill.Attribution.Graph.Community;

/// <summary>
/// One level of a Leiden run: a CSR graph (arrays may be longer than used) with a weight per node.
/// Self-loops hold the weight inside an aggregated node and are stored once.
/// </summary>
internal sealed class WorkGraph(int nodeCount, int[] offsets, int[] targets, double[] weights, double[] nodeWeight)
{
    public int NodeCount { get; } = nodeCount;

    public int[] Offsets { get; } = offsets;

    public int[] Targets { get; } = targets;

    public double[] Weights { get; } = weights;

    public double[] NodeWeight { get; } = nodeWeight;
}
