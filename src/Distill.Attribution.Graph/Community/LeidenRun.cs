namespace Distill.Attribution.Graph.Community;

/// <summary>
/// The phases of one Leiden run on compact arrays. Quality is expressed through move gains
/// w(v, C) − γ' a_v A_C (a = node weight, A = summed node weight of C), which covers modularity
/// (a = strength, γ' = γ / 2m) and CPM (a = node count, γ' = γ).
/// </summary>
internal sealed partial class LeidenRun(double resolution, double randomness, ulong seed, int threads)
{
    // The parameters as fields: a primary constructor's parameters are in scope only in the part that declares them.
    private readonly double _resolution = resolution;
    private readonly double _randomness = randomness;
    private readonly ulong _seed = seed;
    private readonly int _threads = threads;

    private SplitMix64 _rng = new(seed);

    // The level-0 graph, relabelled once (see Relabel) so that the members of a community are neighbours in
    // memory; _newId maps an original node to its label here (null until relabelled).
    private WorkGraph? _base;
    private int[]? _newId;

    // Scratch reused by every level and iteration (sized by the level-0 graph, which is the largest): fresh
    // arrays of that size per phase cost more in page faults and zeroing than the phases' own work on the
    // small coarse levels. Aggregation writes each level into one of two alternating level buffers (with more than
    // one thread, rows go here first and are then packed into the level buffer).
    private int[] _arcTargets = [];
    private double[] _arcWeights = [];
    private readonly LevelBuffers[] _levels = [new(), new()];
    private AggregateScratch?[] _aggregate = [];
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

        // A graph whose arcs all weigh the same (an account–address graph: 1 each) keeps its weights array: permuted, it
        // holds the same values, and a copy would cost as much memory and page faulting as the targets.
        var arcs = offsets[n];
        var uniform = g.Weights.AsSpan(0, arcs).IndexOfAnyExcept(arcs == 0 ? 0 : g.Weights[0]) < 0;
        var targets = new int[arcs];
        var weights = uniform ? g.Weights : new double[arcs];
        ForRanges(n, arcs, (lo, hi) =>
        {
            for (var i = lo; i < hi; i++)
            {
                var v = order[i];
                var write = offsets[i];
                for (var e = g.Offsets[v]; e < g.Offsets[v + 1]; e++)
                {
                    targets[write++] = newId[g.Targets[e]];
                }

                if (!uniform)
                {
                    Array.Copy(g.Weights, g.Offsets[v], weights, offsets[i], g.Offsets[v + 1] - g.Offsets[v]);
                }
            }
        });

        _newId = newId;
        return (new WorkGraph(n, offsets, targets, weights, nodeWeight), relabelled);
    }

    /// <summary>Runs <paramref name="body"/> on 0..n-1 in contiguous ranges, one per thread when the work is large.</summary>
    private void ForRanges(int n, int work, Action<int, int> body)
    {
        if (_threads <= 1 || work < 200_000)
        {
            body(0, n);
            return;
        }

        Parallel.For(0, _threads, new ParallelOptions { MaxDegreeOfParallelism = _threads }, p =>
            body((int)((long)n * p / _threads), (int)((long)n * (p + 1) / _threads)));
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
}
