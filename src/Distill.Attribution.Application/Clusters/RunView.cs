using System.Collections.Concurrent;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Clusters;

/// <summary>
/// A detection run held in memory with the indexes the investigator queries need: clusters by id, by risk and by
/// member account, each cluster's activity span and (lazily) its evidence index.
/// </summary>
public sealed class RunView
{
    private readonly Dictionary<string, DetectedCluster> _byId;
    private readonly Dictionary<string, DetectedCluster> _byAccount;
    private readonly Dictionary<string, (long First, long Last)> _activity;
    private readonly ConcurrentDictionary<string, ClusterIndex> _indexes = new(StringComparer.Ordinal);

    public RunView(DetectionRun run, IReadOnlyDictionary<string, (long First, long Last)> accountSpans)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(accountSpans);
        Run = run;
        _byId = new Dictionary<string, DetectedCluster>(run.Clusters.Count, StringComparer.Ordinal);
        _byAccount = new Dictionary<string, DetectedCluster>(StringComparer.Ordinal);
        _activity = new Dictionary<string, (long, long)>(run.Clusters.Count, StringComparer.Ordinal);
        foreach (var cluster in run.Clusters)
        {
            _byId[cluster.Id] = cluster;
            var first = long.MaxValue;
            var last = long.MinValue;
            foreach (var member in cluster.Members)
            {
                _byAccount[member] = cluster;
                if (accountSpans.TryGetValue(member, out var span))
                {
                    first = Math.Min(first, span.First);
                    last = Math.Max(last, span.Last);
                }
            }

            if (first <= last)
            {
                _activity[cluster.Id] = (first, last);
            }
        }

        var byRisk = run.Clusters.ToArray();
        Array.Sort(byRisk, static (a, b) =>
        {
            var c = b.RiskScore.CompareTo(a.RiskScore);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        ByRisk = byRisk;
    }

    public DetectionRun Run { get; }

    public string RunId => Run.RunId;

    /// <summary>Clusters from the highest risk down (ties by id).</summary>
    public IReadOnlyList<DetectedCluster> ByRisk { get; }

    public DetectedCluster? Find(string clusterId) => _byId.GetValueOrDefault(clusterId);

    /// <summary>The cluster an account belongs to in this run, if any.</summary>
    public DetectedCluster? ClusterOf(string accountId) => _byAccount.GetValueOrDefault(accountId);

    /// <summary>First and last request time of the cluster's members, if they made requests.</summary>
    public (DateTimeOffset First, DateTimeOffset Last)? ActivityOf(string clusterId) =>
        _activity.TryGetValue(clusterId, out var span)
            ? (DateTimeOffset.FromUnixTimeMilliseconds(span.First), DateTimeOffset.FromUnixTimeMilliseconds(span.Last))
            : null;

    public ClusterIndex IndexOf(DetectedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return _indexes.GetOrAdd(cluster.Id, static (_, c) => new ClusterIndex(c), cluster);
    }
}
