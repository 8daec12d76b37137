namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Gives a run's clusters stable ids by overlap with the previous run's clusters and records their lineage.
/// A previous id passes to the new cluster with the highest Jaccard overlap (greedy, best pairs first) when
/// that overlap reaches <see cref="DetectionParameters.LineageMinJaccard"/>; other clusters get fresh ids.
/// </summary>
public static class ClusterLineageTracker
{
    public static (IReadOnlyList<DetectedCluster> Clusters, int NextClusterNumber) Assign(
        IReadOnlyList<DetectedCluster> current, DetectionRun? previous, DetectionParameters parameters) =>
        Assign(current, previous is null ? null : RunMembership.Of(previous), parameters);

    /// <summary>The same, from the previous run's membership alone.</summary>
    public static (IReadOnlyList<DetectedCluster> Clusters, int NextClusterNumber) Assign(
        IReadOnlyList<DetectedCluster> current, RunMembership? previous, DetectionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(parameters);
        IReadOnlyList<ClusterMembership> prev = previous?.Clusters ?? [];
        var next = previous?.NextClusterNumber ?? 1;
        var prevOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < prev.Count; j++)
        {
            foreach (var m in prev[j].Members)
            {
                prevOf[m] = j;
            }
        }

        // overlap[i][j]: members of current cluster i that were in previous cluster j.
        var overlap = new List<SortedDictionary<int, int>>(current.Count);
        var candidates = new List<(double Jaccard, int Current, int Previous)>();
        for (var i = 0; i < current.Count; i++)
        {
            var counts = new SortedDictionary<int, int>();
            foreach (var m in current[i].Members)
            {
                if (prevOf.TryGetValue(m, out var j))
                {
                    counts[j] = counts.GetValueOrDefault(j) + 1;
                }
            }

            overlap.Add(counts);
            foreach (var (j, shared) in counts)
            {
                var jaccard = (double)shared / (current[i].Members.Count + prev[j].Members.Count - shared);
                if (jaccard >= parameters.LineageMinJaccard)
                {
                    candidates.Add((jaccard, i, j));
                }
            }
        }

        candidates.Sort((x, y) => y.Jaccard != x.Jaccard ? y.Jaccard.CompareTo(x.Jaccard)
            : x.Current != y.Current ? x.Current.CompareTo(y.Current) : x.Previous.CompareTo(y.Previous));
        var idOf = new string?[current.Count];
        var claimed = new bool[prev.Count];
        foreach (var (_, i, j) in candidates)
        {
            if (idOf[i] is null && !claimed[j])
            {
                idOf[i] = prev[j].Id;
                claimed[j] = true;
            }
        }

        // How many current clusters took a significant part of each previous cluster (splits).
        var partsOfPrevious = new int[prev.Count];
        for (var i = 0; i < current.Count; i++)
        {
            foreach (var (j, shared) in overlap[i])
            {
                if (shared >= parameters.LineageMinPartShare * prev[j].Members.Count)
                {
                    partsOfPrevious[j]++;
                }
            }
        }

        var result = new List<DetectedCluster>(current.Count);
        for (var i = 0; i < current.Count; i++)
        {
            var id = idOf[i] ?? $"c-{next++:D4}";
            var (lineage, parents) = LineageOf(current[i], overlap[i], prev, partsOfPrevious, parameters);
            result.Add(current[i] with { Id = id, Lineage = lineage, LineageParents = parents });
        }

        return (NameSources(result), next);
    }

    /// <summary>An attribution through shared infrastructure names its source by a member until ids exist: now by its id.</summary>
    private static List<DetectedCluster> NameSources(List<DetectedCluster> clusters)
    {
        if (!clusters.Any(c => c.Operator?.Through is not null))
        {
            return clusters;
        }

        var idOfFirst = clusters.Where(c => c.Members.Count > 0).ToDictionary(c => c.Members[0], c => c.Id, StringComparer.Ordinal);
        for (var i = 0; i < clusters.Count; i++)
        {
            if (clusters[i].Operator is { Through: { } tie } op && idOfFirst.TryGetValue(tie.SourceMember, out var sourceId))
            {
                clusters[i] = clusters[i] with { Operator = op with { Through = tie with { SourceClusterId = sourceId } } };
            }
        }

        return clusters;
    }

    private static (ClusterLineage, IReadOnlyList<string>) LineageOf(
        DetectedCluster cluster, SortedDictionary<int, int> overlap, IReadOnlyList<ClusterMembership> prev, int[] partsOfPrevious, DetectionParameters parameters)
    {
        if (overlap.Count == 0)
        {
            return (ClusterLineage.New, []);
        }

        var parts = new List<string>();
        int main = -1, mainShared = 0;
        foreach (var (j, shared) in overlap)
        {
            if (shared >= parameters.LineageMinPartShare * prev[j].Members.Count)
            {
                parts.Add(prev[j].Id);
            }

            if (shared > mainShared)
            {
                main = j;
                mainShared = shared;
            }
        }

        if (parts.Count >= 2)
        {
            parts.Sort(StringComparer.Ordinal);
            return (ClusterLineage.Merged, parts);
        }

        var parent = prev[main];
        if (partsOfPrevious[main] >= 2)
        {
            return (ClusterLineage.Split, [parent.Id]);
        }

        var gained = cluster.Members.Count - mainShared;
        var lost = parent.Members.Count - mainShared;
        var lineage = (gained, lost) switch
        {
            (0, 0) => ClusterLineage.Unchanged,
            ( > 0, 0) => ClusterLineage.Grown,
            (0, > 0) => ClusterLineage.Shrunk,
            // Members both joined and left: say which way the size went (equal size counts as grown).
            _ => cluster.Members.Count >= parent.Members.Count ? ClusterLineage.Grown : ClusterLineage.Shrunk,
        };
        return (lineage, [parent.Id]);
    }
}
