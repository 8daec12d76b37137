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

        // Every aggregated arc stands for at least one arc of g, so g's arc count bounds the new one.
        var arcs = g.Offsets[n];
        if (_arcTargets.Length < arcs)
        {
            _arcTargets = GC.AllocateUninitializedArray<int>(arcs);
            _arcWeights = GC.AllocateUninitializedArray<double>(arcs);
        }

        var offsets = new int[count + 1];
        var nodeWeight = new double[count];
        var parts = _threads > 1 && arcs >= 200_000 ? _threads : 1;
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
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = _threads }, p =>
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
