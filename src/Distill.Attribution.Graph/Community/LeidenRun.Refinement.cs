namespace Distill.Attribution.Graph.Community;

/// <summary>Leiden's second phase: refinement of each community into well-connected sub-communities.</summary>
internal sealed partial class LeidenRun
{
    /// <summary>
    /// Refinement: inside every community, start from singletons and merge each still-alone, well-connected
    /// node into a well-connected sub-community chosen at random with probability ∝ exp(gain / θ) among
    /// non-negative gains. Sub-communities only grow along edges, so each one is connected.
    /// </summary>
    private (int[] Refined, int Count) Refine(WorkGraph g, int[] cluster, int clusterCount, int iteration, int level)
    {
        var n = g.NodeCount;
        var (start, members) = GroupByLabel(cluster, n, clusterCount);
        var clusterTotal = new double[clusterCount];
        var refined = new int[n];
        var refinedWeight = new double[n];
        var external = new double[n];
        for (var v = 0; v < n; v++)
        {
            var c = cluster[v];
            clusterTotal[c] += g.NodeWeight[v];
            refined[v] = v;
            refinedWeight[v] = g.NodeWeight[v];
        }

        // w(v, C − v) for every node: independent per node, so it may be split across threads.
        ForRanges(n, g.Offsets[n], (lo, hi) =>
        {
            for (var v = lo; v < hi; v++)
            {
                var c = cluster[v];
                double ext = 0;
                for (var e = g.Offsets[v]; e < g.Offsets[v + 1]; e++)
                {
                    var u = g.Targets[e];
                    if (u != v && cluster[u] == c)
                    {
                        ext += g.Weights[e];
                    }
                }

                external[v] = ext;
            }
        });

        var state = new RefineState(g, cluster, start, members, clusterTotal, refined, refinedWeight, external, new bool[n]);
        if (_refine.Length == 0)
        {
            _refine = new RefineScratch?[Math.Max(1, _threads)];
        }

        if (_threads <= 1 || clusterCount < 2)
        {
            var scratch = _refine[0] ??= new RefineScratch(n);
            for (var c = 0; c < clusterCount; c++)
            {
                RefineCluster(state, scratch, c, iteration, level);
            }
        }
        else
        {
            // Each community touches only its own members' entries and draws from its own random stream,
            // so which thread refines which community cannot change the result.
            var nextChunk = -1;
            const int chunk = 256;
            Parallel.For(0, _threads, new ParallelOptions { MaxDegreeOfParallelism = _threads }, t =>
            {
                // Scratch arrays return to all zero / false after every node, so a worker reuses its own.
                var scratch = _refine[t] ??= new RefineScratch(n);
                int first;
                while ((first = Interlocked.Increment(ref nextChunk) * chunk) < clusterCount)
                {
                    var last = Math.Min(clusterCount, first + chunk);
                    for (var c = first; c < last; c++)
                    {
                        RefineCluster(state, scratch, c, iteration, level);
                    }
                }
            });
        }

        return (refined, Renumber(refined));
    }

    private void RefineCluster(RefineState s, RefineScratch scratch, int c, int iteration, int level)
    {
        var from = s.Start[c];
        var size = s.Start[c + 1] - from;
        if (size < 2)
        {
            return;
        }

        var g = s.Graph;
        var cluster = s.Cluster;
        var refined = s.Refined;
        var refinedWeight = s.RefinedWeight;
        var external = s.External;
        var edgeWeight = scratch.EdgeWeight;
        var seen = scratch.Seen;
        var neighbours = scratch.Neighbours;
        var candidates = scratch.Candidates;
        var candidateGain = scratch.CandidateGain;
        var total = s.ClusterTotal[c];
        var rng = SplitMix64.Derive(_seed, iteration, level, c);
        var order = s.Members.AsSpan(from, size);
        rng.Shuffle(order);
        foreach (var v in order)
        {
            if (s.NonSingleton[v])
            {
                continue;
            }

            var a = g.NodeWeight[v];
            if (external[v] < a * (total - a) * _resolution)
            {
                continue;
            }

            var ownExternal = external[v];
            refinedWeight[v] = 0;
            external[v] = 0;
            var found = 0;
            int rowStart = g.Offsets[v], rowEnd = g.Offsets[v + 1];
            for (var e = rowStart; e < rowEnd; e++)
            {
                var u = g.Targets[e];
                if (u == v || cluster[u] != c)
                {
                    continue;
                }

                var r = refined[u];
                if (!seen[r])
                {
                    seen[r] = true;
                    neighbours[found++] = r;
                }

                edgeWeight[r] += g.Weights[e];
            }

            double maxGain = 0;
            var count = 0;
            for (var i = 0; i < found; i++)
            {
                var r = neighbours[i];
                var w = refinedWeight[r];
                if (external[r] >= w * (total - w) * _resolution)
                {
                    var gain = edgeWeight[r] - (a * w * _resolution);
                    if (gain >= 0)
                    {
                        candidates[count] = r;
                        candidateGain[count++] = gain;
                        maxGain = Math.Max(maxGain, gain);
                    }
                }
            }

            var chosen = v;
            if (count > 0)
            {
                // Staying alone (gain 0) is a candidate too. Shifting by the best gain keeps exp finite.
                var stay = Math.Exp(-maxGain / _randomness);
                var sum = stay;
                for (var i = 0; i < count; i++)
                {
                    candidateGain[i] = Math.Exp((candidateGain[i] - maxGain) / _randomness);
                    sum += candidateGain[i];
                }

                var x = (rng.NextDouble() * sum) - stay;
                if (x >= 0)
                {
                    chosen = candidates[count - 1];
                    for (var i = 0; i < count; i++)
                    {
                        x -= candidateGain[i];
                        if (x < 0)
                        {
                            chosen = candidates[i];
                            break;
                        }
                    }
                }
            }

            // external(R ∪ {v}) = external(R) + w(v, C − v) − 2 w(v, R); for R = {v} alone it is w(v, C − v).
            external[chosen] = chosen == v ? ownExternal : external[chosen] + ownExternal - (2 * edgeWeight[chosen]);
            for (var i = 0; i < found; i++)
            {
                edgeWeight[neighbours[i]] = 0;
                seen[neighbours[i]] = false;
            }

            refinedWeight[chosen] += a;
            refined[v] = chosen;
            if (chosen != v)
            {
                s.NonSingleton[chosen] = true;
            }
        }
    }

    private sealed record RefineState(
        WorkGraph Graph,
        int[] Cluster,
        int[] Start,
        int[] Members,
        double[] ClusterTotal,
        int[] Refined,
        double[] RefinedWeight,
        double[] External,
        bool[] NonSingleton);

    private sealed class RefineScratch(int n)
    {
        public double[] EdgeWeight { get; } = new double[n];

        public bool[] Seen { get; } = new bool[n];

        public int[] Neighbours { get; } = new int[n];

        public int[] Candidates { get; } = new int[n];

        public double[] CandidateGain { get; } = new double[n];
    }
}
