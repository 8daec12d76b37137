using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Graph.Community;

/// <summary>
/// The Leiden algorithm (Traag, Waltman &amp; van Eck 2019) on a <see cref="CsrGraph"/>: fast local moving
/// with a queue, refinement of every community into well-connected sub-communities, aggregation on the
/// refined partition with the unrefined partition as the starting point of the next level. Every returned
/// community is connected. Seeded and deterministic: the same graph, options and seed give the same
/// membership for any thread count.
/// </summary>
public static class Leiden
{
    private const int UntilStableCap = 1000;

    /// <summary>Finds communities of <paramref name="graph"/>. Edge weights must be finite and non-negative.</summary>
    public static LeidenResult Run(CsrGraph graph, LeidenOptions options) => Run(graph, options, CancellationToken.None);

    /// <summary>As <see cref="Run(CsrGraph, LeidenOptions)"/>; throws <see cref="OperationCanceledException"/> at the next iteration after <paramref name="cancellationToken"/> fires.</summary>
    public static LeidenResult Run(CsrGraph graph, LeidenOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Resolution >= 0) || double.IsInfinity(options.Resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Resolution must be finite and ≥ 0.");
        }

        if (!(options.Randomness > 0) || double.IsInfinity(options.Randomness))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Randomness must be finite and > 0.");
        }

        var n = graph.NodeCount;
        var nodeWeight = new double[n];
        double totalArcWeight = 0;
        for (var u = 0; u < n; u++)
        {
            double strength = 0;
            for (var e = graph.Offsets[u]; e < graph.Offsets[u + 1]; e++)
            {
                var w = graph.Weights[e];
                if (!(w >= 0) || double.IsInfinity(w))
                {
                    throw new ArgumentException($"Edge weights must be finite and ≥ 0; node {u} has {w}.", nameof(graph));
                }

                strength += graph.Targets[e] == u ? 2 * w : w;
            }

            nodeWeight[u] = strength;
            totalArcWeight += strength;
        }

        var modularity = options.Quality == LeidenQuality.Modularity;
        var membership = new int[n];
        for (var u = 0; u < n; u++)
        {
            membership[u] = u;
        }

        if (n == 0 || (modularity && totalArcWeight <= 0))
        {
            // No weight at all: modularity is undefined, every node stays alone.
            return Finish(graph, membership, options, 0);
        }

        if (!modularity)
        {
            Array.Fill(nodeWeight, 1.0);
        }

        // Move gains are w(v,C) − γ' a_v A_C: for modularity γ' = γ / 2m and node weights a are strengths,
        // for CPM γ' = γ and node weights count nodes.
        var scaledResolution = modularity ? options.Resolution / totalArcWeight : options.Resolution;
        var threads = options.Threads < 1 ? Environment.ProcessorCount : options.Threads;
        var run = new LeidenRun(scaledResolution, options.Randomness, options.Seed, threads);
        var level0 = new WorkGraph(n, graph.Offsets, graph.Targets, graph.Weights, nodeWeight);
        var iterations = 0;
        // "Until stable" still stops at a cap: every move raises the quality, but rounding could in theory
        // let two near-equal moves alternate for ever.
        var maxIterations = options.MaxIterations < 0 ? UntilStableCap : options.MaxIterations;
        while (iterations < maxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var changed = run.Iterate(level0, membership, iterations);
            iterations++;
            if (!changed)
            {
                break;
            }
        }

        return Finish(graph, membership, options, iterations);
    }

    private static LeidenResult Finish(CsrGraph graph, int[] membership, LeidenOptions options, int iterations)
    {
        var count = SplitDisconnected(graph, membership);
        var quality = options.Quality == LeidenQuality.Modularity
            ? Modularity.Compute(graph, membership, options.Resolution)
            : ConstantPottsModel.Compute(graph, membership, options.Resolution);
        return new LeidenResult(membership, count, double.IsNaN(quality) ? 0 : quality, iterations);
    }

    /// <summary>
    /// Renumbers communities by their smallest node and splits any community that is not connected into its
    /// components. Leiden's refinement already yields connected communities; this pass makes the guarantee
    /// unconditional (e.g. for nodes joined through zero-weight ties) and can only raise the quality, since
    /// parts without edges between them gain nothing from being together.
    /// </summary>
    private static int SplitDisconnected(CsrGraph graph, int[] membership)
    {
        var n = graph.NodeCount;
        var result = new int[n];
        Array.Fill(result, -1);
        var stack = new int[Math.Max(1, n)];
        var next = 0;
        for (var start = 0; start < n; start++)
        {
            if (result[start] >= 0)
            {
                continue;
            }

            var community = membership[start];
            var top = 0;
            stack[top++] = start;
            result[start] = next;
            while (top > 0)
            {
                var u = stack[--top];
                for (var e = graph.Offsets[u]; e < graph.Offsets[u + 1]; e++)
                {
                    var v = graph.Targets[e];
                    if (result[v] < 0 && membership[v] == community)
                    {
                        result[v] = next;
                        stack[top++] = v;
                    }
                }
            }

            next++;
        }

        Array.Copy(result, membership, n);
        return next;
    }
}
