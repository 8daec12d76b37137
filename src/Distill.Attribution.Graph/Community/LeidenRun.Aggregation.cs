namespace Distill.Attribution.Graph.Community;

/// <summary>Leiden's third phase: aggregation of the refined partition into the next level's graph.</summary>
internal sealed partial class LeidenRun
{
    /// <summary>
    /// The graph whose nodes are the communities of <paramref name="partition"/>: summed node weights, summed
    /// edge weights between communities, and a self-loop carrying each community's internal weight. Rows are
    /// built independently, so ranges of communities go to different threads without changing any sum.
    /// </summary>
    private WorkGraph Aggregate(WorkGraph g, int[] partition, int count)
    {
        var n = g.NodeCount;
        var (start, members) = GroupByLabel(partition, n, count);

        // Every aggregated arc stands for at least one arc of g, so g's arc count bounds the new one. The new level goes
        // into the level buffers g does not occupy (g is the base graph or the other pair).
        var arcs = g.Offsets[n];
        var level = ReferenceEquals(g.Targets, _levels[0].Targets) ? _levels[1] : _levels[0];
        level.Reserve(count, arcs);
        var offsets = level.Offsets;
        var nodeWeight = level.NodeWeight;
        var parts = _threads > 1 && arcs >= 200_000 ? _threads : 1;
        if (_aggregate.Length < parts)
        {
            _aggregate = new AggregateScratch?[parts];
        }

        if (parts == 1)
        {
            var written = AggregateRange(g, partition, start, members, 0, count, offsets, level.Targets, level.Weights, 0, nodeWeight, Scratch(0, count));
            offsets[count] = written;
            return new WorkGraph(count, offsets, level.Targets, level.Weights, nodeWeight);
        }

        if (_arcTargets.Length < arcs)
        {
            _arcTargets = GC.AllocateUninitializedArray<int>(arcs);
            _arcWeights = GC.AllocateUninitializedArray<double>(arcs);
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
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = _threads }, p =>
            partWritten[p] = AggregateRange(g, partition, start, members, bounds[p], bounds[p + 1], offsets, _arcTargets, _arcWeights, regionStart[p], nodeWeight, Scratch(p, count)));

        var shift = 0;
        for (var p = 0; p < parts; p++)
        {
            Array.Copy(_arcTargets, regionStart[p], level.Targets, shift, partWritten[p]);
            Array.Copy(_arcWeights, regionStart[p], level.Weights, shift, partWritten[p]);
            for (var c = bounds[p]; c < bounds[p + 1]; c++)
            {
                offsets[c] += shift;
            }

            shift += partWritten[p];
        }

        offsets[count] = shift;
        return new WorkGraph(count, offsets, level.Targets, level.Weights, nodeWeight);
    }

    /// <summary>Part <paramref name="part"/>'s aggregation scratch, cleared for <paramref name="count"/> communities.</summary>
    private AggregateScratch Scratch(int part, int count)
    {
        if (_aggregate[part] is not { } scratch || scratch.Mark.Length < count)
        {
            scratch = _aggregate[part] = new AggregateScratch(count);
        }

        Array.Fill(scratch.Mark, -1, 0, count);
        return scratch;
    }

    /// <summary>
    /// The arrays of one aggregated level. Two of them alternate (<see cref="_levels"/>): a level is read only while the
    /// next is built from it, so the level after overwrites the one before, and every level and iteration reuses the
    /// same memory instead of leaving a copy of each aggregated graph behind.
    /// </summary>
    private sealed class LevelBuffers
    {
        public int[] Offsets { get; private set; } = [];

        public int[] Targets { get; private set; } = [];

        public double[] Weights { get; private set; } = [];

        public double[] NodeWeight { get; private set; } = [];

        public void Reserve(int count, int arcs)
        {
            if (Offsets.Length < count + 1)
            {
                Offsets = GC.AllocateUninitializedArray<int>(count + 1);
                NodeWeight = GC.AllocateUninitializedArray<double>(count);
            }

            if (Targets.Length < arcs)
            {
                Targets = GC.AllocateUninitializedArray<int>(arcs);
                Weights = GC.AllocateUninitializedArray<double>(arcs);
            }
        }
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
}
