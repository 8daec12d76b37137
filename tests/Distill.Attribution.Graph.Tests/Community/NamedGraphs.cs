using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Graph.Tests.Community;

/// <summary>Small graphs with known structure, built fresh for each test.</summary>
internal static class NamedGraphs
{
    /// <summary>Two cliques of <paramref name="size"/> nodes (0..size-1 and size..2size-1) joined by one edge.</summary>
    public static CsrGraph TwoCliquesJoinedByOneEdge(int size = 5)
    {
        var builder = new CsrGraphBuilder(2 * size);
        AddClique(builder, 0, size);
        AddClique(builder, size, size);
        builder.AddEdge(size - 1, size, 1);
        return builder.Build();
    }

    /// <summary>
    /// <paramref name="count"/> cliques of <paramref name="size"/> nodes in a ring, neighbours joined by one
    /// edge. Clique c holds nodes c·size..(c+1)·size-1. With size 5 and more than 22 cliques, modularity
    /// prefers merging neighbouring cliques in pairs (the resolution limit).
    /// </summary>
    public static CsrGraph RingOfCliques(int count, int size)
    {
        var builder = new CsrGraphBuilder(count * size);
        for (var c = 0; c < count; c++)
        {
            AddClique(builder, c * size, size);
            var next = (c + 1) % count;
            builder.AddEdge((c * size) + size - 1, next * size, 1);
        }

        return builder.Build();
    }

    /// <summary>The clique of every node of <see cref="RingOfCliques"/>.</summary>
    public static int[] RingOfCliquesTruth(int count, int size)
    {
        var truth = new int[count * size];
        for (var u = 0; u < truth.Length; u++)
        {
            truth[u] = u / size;
        }

        return truth;
    }

    /// <summary>
    /// A planted partition: communities of the given sizes (nodes in blocks, then shuffled labels), an edge
    /// inside a community with probability <paramref name="pIn"/> and between communities with
    /// <paramref name="pOut"/>; weights 1. Deterministic for a seed.
    /// </summary>
    public static (CsrGraph Graph, int[] Truth) PlantedPartition(int[] sizes, double pIn, double pOut, int seed)
    {
        var random = new Random(seed);
        var n = 0;
        foreach (var s in sizes)
        {
            n += s;
        }

        var block = new int[n];
        var u0 = 0;
        for (var c = 0; c < sizes.Length; c++)
        {
            for (var k = 0; k < sizes[c]; k++)
            {
                block[u0++] = c;
            }
        }

        var label = new int[n];
        for (var i = 0; i < n; i++)
        {
            label[i] = i;
        }

        random.Shuffle(label);
        var truth = new int[n];
        var builder = new CsrGraphBuilder(n);
        for (var i = 0; i < n; i++)
        {
            truth[label[i]] = block[i];
            for (var j = i + 1; j < n; j++)
            {
                if (random.NextDouble() < (block[i] == block[j] ? pIn : pOut))
                {
                    builder.AddEdge(label[i], label[j], 1);
                }
            }
        }

        return (builder.Build(), truth);
    }

    /// <summary>A graph from explicit (u, v, w) triples.</summary>
    public static CsrGraph FromEdges(int nodeCount, params (int U, int V, double W)[] edges)
    {
        var builder = new CsrGraphBuilder(nodeCount);
        foreach (var (u, v, w) in edges)
        {
            builder.AddEdge(u, v, w);
        }

        return builder.Build();
    }

    private static void AddClique(CsrGraphBuilder builder, int first, int size)
    {
        for (var i = first; i < first + size; i++)
        {
            for (var j = i + 1; j < first + size; j++)
            {
                builder.AddEdge(i, j, 1);
            }
        }
    }
}
