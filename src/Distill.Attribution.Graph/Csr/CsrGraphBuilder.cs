namespace Distill.Attribution.Graph.Csr;

/// <summary>
/// Collects undirected weighted edges and builds a <see cref="CsrGraph"/>. Parallel edges are merged by
/// summing their weights; neighbour lists come out sorted by target, so the same edges in any order give
/// the same graph.
/// </summary>
public sealed class CsrGraphBuilder
{
    private readonly int _nodeCount;
    private int[] _from;
    private int[] _to;
    private double[] _weight;
    private int _count;

    public CsrGraphBuilder(int nodeCount, int expectedEdges = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        _nodeCount = nodeCount;
        var capacity = Math.Max(16, expectedEdges);
        _from = new int[capacity];
        _to = new int[capacity];
        _weight = new double[capacity];
    }

    public int EdgeCount => _count;

    public void AddEdge(int u, int v, double weight)
    {
        if ((uint)u >= (uint)_nodeCount || (uint)v >= (uint)_nodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(u), $"Edge {u}-{v} names a node outside 0..{_nodeCount - 1}.");
        }

        if (_count == _from.Length)
        {
            var size = _from.Length * 2;
            Array.Resize(ref _from, size);
            Array.Resize(ref _to, size);
            Array.Resize(ref _weight, size);
        }

        _from[_count] = u;
        _to[_count] = v;
        _weight[_count] = weight;
        _count++;
    }

    public CsrGraph Build()
    {
        // Count both directions (a self-loop once), then scatter, then sort and merge each row.
        var degree = new int[_nodeCount + 1];
        for (var i = 0; i < _count; i++)
        {
            degree[_from[i]]++;
            if (_from[i] != _to[i])
            {
                degree[_to[i]]++;
            }
        }

        var offsets = new int[_nodeCount + 1];
        for (var u = 0; u < _nodeCount; u++)
        {
            offsets[u + 1] = offsets[u] + degree[u];
        }

        var targets = new int[offsets[_nodeCount]];
        var weights = new double[targets.Length];
        var cursor = (int[])offsets.Clone();
        for (var i = 0; i < _count; i++)
        {
            int u = _from[i], v = _to[i];
            targets[cursor[u]] = v;
            weights[cursor[u]++] = _weight[i];
            if (u != v)
            {
                targets[cursor[v]] = u;
                weights[cursor[v]++] = _weight[i];
            }
        }

        var write = 0;
        var merged = new int[_nodeCount + 1];
        for (var u = 0; u < _nodeCount; u++)
        {
            int start = offsets[u], end = offsets[u + 1];
            Array.Sort(targets, weights, start, end - start);
            merged[u] = write;
            for (var k = start; k < end; k++)
            {
                if (write > merged[u] && targets[write - 1] == targets[k])
                {
                    weights[write - 1] += weights[k];
                }
                else
                {
                    targets[write] = targets[k];
                    weights[write] = weights[k];
                    write++;
                }
            }
        }

        merged[_nodeCount] = write;
        Array.Resize(ref targets, write);
        Array.Resize(ref weights, write);
        return new CsrGraph(merged, targets, weights);
    }
}
