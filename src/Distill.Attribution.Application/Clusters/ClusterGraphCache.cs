using System.Collections.Concurrent;

namespace Distill.Attribution.Application.Clusters;

/// <summary>
/// Cluster graphs already built, by run, cluster and cap: a run's clusters never change, and a 2,000-member graph
/// costs hundreds of milliseconds of store reads. The outsider counts are those of the first request after the run
/// (an ingest without a new run does not refresh them). At most <see cref="Capacity"/> graphs are kept.
/// </summary>
public sealed class ClusterGraphCache
{
    public const int Capacity = 32;
    private readonly ConcurrentDictionary<(string Run, string Cluster, int PerKind), ClusterGraph> _graphs = new();

    public bool TryGet(string run, string cluster, int perKind, out ClusterGraph graph) =>
        _graphs.TryGetValue((run, cluster, perKind), out graph!);

    public void Add(string run, string cluster, int perKind, ClusterGraph graph)
    {
        if (_graphs.Count >= Capacity)
        {
            _graphs.Clear(); // simple bound: an investigator looks at a handful of clusters at a time
        }

        _graphs[(run, cluster, perKind)] = graph;
    }
}
