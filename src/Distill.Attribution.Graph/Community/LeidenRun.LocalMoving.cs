namespace Distill.Attribution.Graph.Community;

/// <summary>Leiden's first phase: fast local moving of nodes between communities.</summary>
internal sealed partial class LeidenRun
{
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
            var bestGain = edgeWeight[current] - (a * clusterWeight[current] * _resolution);
            for (var i = 1; i < found; i++)
            {
                var c = neighbours[i];
                var gain = edgeWeight[c] - (a * clusterWeight[c] * _resolution);
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
