namespace Distill.Attribution.Graph.Community;

/// <summary>
/// The phases of one Leiden run on compact arrays. Quality is expressed through move gains
/// w(v, C) − γ' a_v A_C (a = node weight, A = summed node weight of C), which covers modularity
/// (a = strength, γ' = γ / 2m) and CPM (a = node count, γ' = γ).
/// </summary>
internal sealed class LeidenRun(double resolution, double randomness, ulong seed, int threads)
{
    private SplitMix64 _rng = new(seed);

    // The level-0 graph, relabelled once (see Relabel) so that the members of a community are neighbours in
    // memory; _newId maps an original node to its label here (null until relabelled).
    private WorkGraph? _base;
    private int[]? _newId;

    // Scratch reused by every level and iteration (sized by the level-0 graph, which is the largest): fresh
    // arrays of that size per phase cost more in page faults and zeroing than the phases' own work on the
    // small coarse levels. Aggregation writes rows here and copies out arrays of the exact size.
    private int[] _arcTargets = [];
    private double[] _arcWeights = [];
    private MoveScratch? _move;
    private RefineScratch?[] _refine = [];

    /// <summary>
    /// One full iteration starting from <paramref name="membership"/> (original nodes), which it updates.
    /// Returns whether any node moved at any level.
    /// </summary>
    public bool Iterate(WorkGraph original, int[] membership, int iteration)
    {
        var n = original.NodeCount;
        _base ??= original;
        var graph = _base;
        var clusters = new int[n];
        for (var i = 0; i < n; i++)
        {
            clusters[_newId is null ? i : _newId[i]] = membership[i];
        }

        Renumber(clusters);
        var nodeToAggregate = new int[n];
        for (var i = 0; i < n; i++)
        {
            nodeToAggregate[i] = i;
        }

        var changed = false;
        for (var level = 0; ; level++)
        {
            var count = FastLocalMove(graph, clusters, ref changed);
            if (count == graph.NodeCount)
            {
                break;
            }

            if (level == 0 && _newId is null)
            {
                // Once per run, after the first local moving: the rest of the run then reads memory that is
                // mostly local to a community. Labels are internal; results map back to the original ids.
                (graph, clusters) = Relabel(graph, clusters, count);
                _base = graph;
            }

            var (refined, refinedCount) = Refine(graph, clusters, count, iteration, level);
            if (refinedCount >= graph.NodeCount)
            {
                // Nothing merged in the refinement: aggregate on the unrefined partition so the level shrinks.
                refined = clusters;
                refinedCount = count;
            }

            var next = new int[refinedCount];
            for (var v = 0; v < graph.NodeCount; v++)
            {
                next[refined[v]] = clusters[v];
            }

            for (var i = 0; i < n; i++)
            {
                nodeToAggregate[i] = refined[nodeToAggregate[i]];
            }

            graph = Aggregate(graph, refined, refinedCount);
            clusters = next;
        }

        for (var i = 0; i < n; i++)
        {
            membership[i] = clusters[nodeToAggregate[_newId is null ? i : _newId[i]]];
        }

        return changed;
    }

    /// <summary>
    /// Relabels the level-0 graph so that communities occupy consecutive labels (in community order, by
    /// original id inside each); records the mapping in <see cref="_newId"/> and returns the relabelled graph
    /// and membership.
    /// </summary>
    private (WorkGraph Graph, int[] Clusters) Relabel(WorkGraph g, int[] clusters, int count)
    {
        var n = g.NodeCount;
        var (_, order) = GroupByLabel(clusters, n, count);
        var newId = new int[n];
        for (var i = 0; i < n; i++)
        {
            newId[order[i]] = i;
        }

        var offsets = new int[n + 1];
        var nodeWeight = new double[n];
        var relabelled = new int[n];
        for (var i = 0; i < n; i++)
        {
            var v = order[i];
            offsets[i + 1] = offsets[i] + (g.Offsets[v + 1] - g.Offsets[v]);
            nodeWeight[i] = g.NodeWeight[v];
            relabelled[i] = clusters[v];
        }

        var targets = new int[offsets[n]];
        var weights = new double[offsets[n]];
        ForRanges(n, offsets[n], (lo, hi) =>
        {
            for (var i = lo; i < hi; i++)
            {
                var v = order[i];
                var write = offsets[i];
                for (var e = g.Offsets[v]; e < g.Offsets[v + 1]; e++)
                {
                    targets[write] = newId[g.Targets[e]];
                    weights[write++] = g.Weights[e];
                }
            }
        });

        _newId = newId;
        return (new WorkGraph(n, offsets, targets, weights, nodeWeight), relabelled);
    }

    /// <summary>
    /// Fast local moving: nodes are visited from a queue (first in a random order); a node moves to the
    /// neighbouring (or an empty) community with the best strictly positive gain, and its neighbours outside
    /// that community are queued again. Leaves <paramref name="cluster"/> renumbered 0..k-1 and returns k.
    /// </summary>
    private int FastLocalMove(WorkGraph g, int[] cluster, ref bool changed)
    {
        var n = g.NodeCount;
        var offsets = g.Offsets;
        var targets = g.Targets;
        var weights = g.Weights;
        var nodeWeight = g.NodeWeight;
        _move ??= new MoveScratch(n);
        var clusterWeight = _move.ClusterWeight;
        var clusterSize = _move.ClusterSize;
        var empty = _move.Empty;
        var queue = _move.Queue;
        var inQueue = _move.InQueue;
        var edgeWeight = _move.EdgeWeight;
        Array.Clear(clusterWeight, 0, n);
        Array.Clear(clusterSize, 0, n);
        for (var v = 0; v < n; v++)
        {
            clusterWeight[cluster[v]] += nodeWeight[v];
            clusterSize[cluster[v]]++;
        }

        var emptyTop = 0;
        for (var c = n - 1; c >= 0; c--)
        {
            if (clusterSize[c] == 0)
            {
                empty[emptyTop++] = c;
            }
        }

        for (var i = 0; i < n; i++)
        {
            queue[i] = i;
        }

        _rng.Shuffle(queue.AsSpan(0, n));
        Array.Fill(inQueue, true, 0, n);
        var longestRow = 0;
        for (var v = 0; v < n; v++)
        {
            longestRow = Math.Max(longestRow, offsets[v + 1] - offsets[v]);
        }

        // Sized by the longest row: with repeats a list can be longer than the number of communities.
        var neighbours = new int[longestRow + 1];
        int head = 0, queued = n;
        while (queued > 0)
        {
            var v = queue[head];
            head = head + 1 == n ? 0 : head + 1;
            queued--;
            inQueue[v] = false;
            var current = cluster[v];
            var a = nodeWeight[v];
            clusterWeight[current] -= a;
            if (--clusterSize[current] == 0)
            {
                empty[emptyTop++] = current;
            }

            // A community is listed when first reached with nothing accumulated yet. Listing one twice (after
            // a zero-weight edge, or the current one) only repeats an equal gain, which the strict comparison
            // below ignores, and it saves a "seen" array and its cache misses.
            var found = 0;
            neighbours[found++] = current;
            int rowStart = offsets[v], rowEnd = offsets[v + 1];
            for (var e = rowStart; e < rowEnd; e++)
            {
                var u = targets[e];
                if (u == v)
                {
                    continue;
                }

                var c = cluster[u];
                if (edgeWeight[c] == 0)
                {
                    neighbours[found++] = c;
                }

                edgeWeight[c] += weights[e];
            }

            var best = current;
            var bestGain = edgeWeight[current] - (a * clusterWeight[current] * resolution);
            for (var i = 1; i < found; i++)
            {
                var c = neighbours[i];
                var gain = edgeWeight[c] - (a * clusterWeight[c] * resolution);
                if (gain > bestGain)
                {
                    best = c;
                    bestGain = gain;
                }
            }

            for (var i = 0; i < found; i++)
            {
                edgeWeight[neighbours[i]] = 0;
            }

            if (bestGain < 0)
            {
                // Alone is better than anywhere: an empty community always exists once v has left its own.
                best = empty[emptyTop - 1];
            }

            if (clusterSize[best] == 0)
            {
                // An empty target is always the top of the stack (v's own old community or the chosen empty one).
                emptyTop--;
            }

            clusterWeight[best] += a;
            clusterSize[best]++;
            if (best == current)
            {
                continue;
            }

            changed = true;
            cluster[v] = best;
            for (var e = rowStart; e < rowEnd; e++)
            {
                var u = targets[e];
                if (!inQueue[u] && cluster[u] != best)
                {
                    var tail = head + queued;
                    queue[tail >= n ? tail - n : tail] = u;
                    queued++;
                    inQueue[u] = true;
                }
            }
        }

        return Renumber(cluster);
    }

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
            _refine = new RefineScratch?[Math.Max(1, threads)];
        }

        if (threads <= 1 || clusterCount < 2)
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
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
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
        var rng = SplitMix64.Derive(seed, iteration, level, c);
        var order = s.Members.AsSpan(from, size);
        rng.Shuffle(order);
        foreach (var v in order)
        {
            if (s.NonSingleton[v])
            {
                continue;
            }

            var a = g.NodeWeight[v];
            if (external[v] < a * (total - a) * resolution)
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
                if (external[r] >= w * (total - w) * resolution)
                {
                    var gain = edgeWeight[r] - (a * w * resolution);
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
                var stay = Math.Exp(-maxGain / randomness);
                var sum = stay;
                for (var i = 0; i < count; i++)
                {
                    candidateGain[i] = Math.Exp((candidateGain[i] - maxGain) / randomness);
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

    /// <summary>
    /// The graph whose nodes are the communities of <paramref name="partition"/>: summed node weights, summed
    /// edge weights between communities, and a self-loop carrying each community's internal weight. Rows are
    /// built independently, so ranges of communities go to different threads without changing any sum.
    /// </summary>
    private WorkGraph Aggregate(WorkGraph g, int[] partition, int count)
    {
        var n = g.NodeCount;
        var (start, members) = GroupByLabel(partition, n, count);

        // Every aggregated arc stands for at least one arc of g, so g's arc count bounds the new one.
        var arcs = g.Offsets[n];
        if (_arcTargets.Length < arcs)
        {
            _arcTargets = GC.AllocateUninitializedArray<int>(arcs);
            _arcWeights = GC.AllocateUninitializedArray<double>(arcs);
        }

        var offsets = new int[count + 1];
        var nodeWeight = new double[count];
        var parts = threads > 1 && arcs >= 200_000 ? threads : 1;
        if (parts == 1)
        {
            var written = AggregateRange(g, partition, start, members, 0, count, offsets, _arcTargets, _arcWeights, 0, nodeWeight, new AggregateScratch(count));
            offsets[count] = written;
            return new WorkGraph(count, offsets, _arcTargets.AsSpan(0, written).ToArray(), _arcWeights.AsSpan(0, written).ToArray(), nodeWeight);
        }

        // Split the communities into ranges holding about the same number of arcs; each range writes its rows
        // into its own region of the scratch (starting at the arcs of the ranges before it).
        var bounds = new int[parts + 1];
        bounds[parts] = count;
        var regionStart = new int[parts + 1];
        var part = 1;
        long seen = 0;
        for (var c = 0; c < count && part < parts; c++)
        {
            for (var k = start[c]; k < start[c + 1]; k++)
            {
                var v = members[k];
                seen += g.Offsets[v + 1] - g.Offsets[v];
            }

            if (seen * parts >= (long)arcs * part)
            {
                regionStart[part] = (int)seen;
                bounds[part++] = c + 1;
            }
        }

        while (part < parts)
        {
            regionStart[part] = arcs;
            bounds[part++] = count;
        }

        var partWritten = new int[parts];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = threads }, p =>
            partWritten[p] = AggregateRange(g, partition, start, members, bounds[p], bounds[p + 1], offsets, _arcTargets, _arcWeights, regionStart[p], nodeWeight, new AggregateScratch(count)));

        var total = 0;
        for (var p = 0; p < parts; p++)
        {
            total += partWritten[p];
        }

        var allTargets = GC.AllocateUninitializedArray<int>(total);
        var allWeights = GC.AllocateUninitializedArray<double>(total);
        var shift = 0;
        for (var p = 0; p < parts; p++)
        {
            Array.Copy(_arcTargets, regionStart[p], allTargets, shift, partWritten[p]);
            Array.Copy(_arcWeights, regionStart[p], allWeights, shift, partWritten[p]);
            for (var c = bounds[p]; c < bounds[p + 1]; c++)
            {
                offsets[c] += shift;
            }

            shift += partWritten[p];
        }

        offsets[count] = total;
        return new WorkGraph(count, offsets, allTargets, allWeights, nodeWeight);
    }

    /// <summary>
    /// Writes the rows of communities lo..hi-1 into the buffers from index <paramref name="origin"/>; returns the
    /// count written, and offsets relative to <paramref name="origin"/>.
    /// </summary>
    private static int AggregateRange(
        WorkGraph g, int[] partition, int[] start, int[] members, int lo, int hi,
        int[] offsets, int[] targets, double[] weights, int origin, double[] nodeWeight, AggregateScratch scratch)
    {
        var accumulated = scratch.Accumulated;
        var mark = scratch.Mark;
        var touched = scratch.Touched;
        var gOffsets = g.Offsets;
        var gTargets = g.Targets;
        var gWeights = g.Weights;
        var write = origin;
        for (var r = lo; r < hi; r++)
        {
            offsets[r] = write - origin;
            double loops = 0, inner = 0, weight = 0;
            var touchedCount = 0;
            for (var k = start[r]; k < start[r + 1]; k++)
            {
                var v = members[k];
                weight += g.NodeWeight[v];
                for (var e = gOffsets[v]; e < gOffsets[v + 1]; e++)
                {
                    var u = gTargets[e];
                    var s = partition[u];
                    if (s == r)
                    {
                        if (u == v)
                        {
                            loops += gWeights[e];
                        }
                        else
                        {
                            inner += gWeights[e];
                        }
                    }
                    else
                    {
                        if (mark[s] != r)
                        {
                            mark[s] = r;
                            accumulated[s] = 0;
                            touched[touchedCount++] = s;
                        }

                        accumulated[s] += gWeights[e];
                    }
                }
            }

            nodeWeight[r] = weight;
            var internalWeight = loops + (inner / 2);
            if (internalWeight > 0)
            {
                targets[write] = r;
                weights[write++] = internalWeight;
            }

            for (var i = 0; i < touchedCount; i++)
            {
                var s = touched[i];
                targets[write] = s;
                weights[write++] = accumulated[s];
            }
        }

        return write - origin;
    }

    /// <summary>Runs <paramref name="body"/> on 0..n-1 in contiguous ranges, one per thread when the work is large.</summary>
    private void ForRanges(int n, int work, Action<int, int> body)
    {
        if (threads <= 1 || work < 200_000)
        {
            body(0, n);
            return;
        }

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, p =>
            body((int)((long)n * p / threads), (int)((long)n * (p + 1) / threads)));
    }

    /// <summary>
    /// Counting sort of nodes 0..n-1 by label (0..count-1): the members of label c are
    /// <c>members[start[c]..start[c+1]]</c>, in ascending node order.
    /// </summary>
    private static (int[] Start, int[] Members) GroupByLabel(int[] labels, int n, int count)
    {
        var start = new int[count + 1];
        for (var v = 0; v < n; v++)
        {
            start[labels[v] + 1]++;
        }

        for (var c = 0; c < count; c++)
        {
            start[c + 1] += start[c];
        }

        var members = new int[n];
        var cursor = (int[])start.Clone();
        for (var v = 0; v < n; v++)
        {
            members[cursor[labels[v]]++] = v;
        }

        return (start, members);
    }

    /// <summary>Renumbers ids 0..k-1 in order of first appearance; returns k.</summary>
    private static int Renumber(int[] ids)
    {
        var map = new int[ids.Length];
        Array.Fill(map, -1);
        var next = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if (map[id] < 0)
            {
                map[id] = next++;
            }

            ids[i] = map[id];
        }

        return next;
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

    private sealed class AggregateScratch
    {
        public AggregateScratch(int count)
        {
            Accumulated = new double[count];
            Mark = new int[count];
            Array.Fill(Mark, -1);
            Touched = new int[count];
        }

        public double[] Accumulated { get; }

        public int[] Mark { get; }

        public int[] Touched { get; }
    }

    private sealed class RefineScratch(int n)
    {
        public double[] EdgeWeight { get; } = new double[n];

        public bool[] Seen { get; } = new bool[n];

        public int[] Neighbours { get; } = new int[n];

        public int[] Candidates { get; } = new int[n];

        public double[] CandidateGain { get; } = new double[n];
    }

    private sealed class MoveScratch(int n)
    {
        public double[] ClusterWeight { get; } = new double[n];

        public int[] ClusterSize { get; } = new int[n];

        public int[] Empty { get; } = new int[n];

        public int[] Queue { get; } = new int[n];

        public bool[] InQueue { get; } = new bool[n];

        // Always all zero between nodes: each visit clears what it accumulated.
        public double[] EdgeWeight { get; } = new double[n];
    }
}
