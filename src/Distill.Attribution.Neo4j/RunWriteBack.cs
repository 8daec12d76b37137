using System.Text.Json;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// What of a <see cref="DetectionRun"/> goes into the graph: the run's identity and hashes, every cluster
/// (score, verdict, lineage, members), the attribution of each attributed cluster (with the keys of the
/// indicator nodes that matched) and the evidence links of flagged clusters (one per from, to and rule,
/// the first one the evidence tree lists). The run record in SQLite keeps everything else.
/// </summary>
internal sealed record RunWriteBack(
    RunWrite Run,
    IReadOnlyList<ClusterWrite> Clusters,
    IReadOnlyList<AttributionWrite> Attributions,
    IReadOnlyList<EvidenceWrite> Evidence)
{
    private static readonly JsonSerializerOptions ProvenanceJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static RunWriteBack From(DetectionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var clusters = new List<ClusterWrite>(run.Clusters.Count);
        var attributions = new List<AttributionWrite>();
        var evidence = new List<EvidenceWrite>();
        var seen = new HashSet<(string From, string To, string Rule)>();
        foreach (var c in run.Clusters)
        {
            clusters.Add(new ClusterWrite(c.Id, c.RiskScore, c.Flagged, c.Lineage.ToString().ToLowerInvariant(), c.Members));
            if (c.Operator is { } op)
            {
                var keys = new List<string>(op.Indicators.Count);
                foreach (var i in op.Indicators)
                {
                    keys.Add(IngestRows.IndicatorKey(i.OperatorId, i.Kind, i.Value));
                }

                attributions.Add(new AttributionWrite(c.Id, op.OperatorId, op.Confidence, keys) { ThroughCluster = op.Through?.SourceClusterId });
            }

            foreach (var step in c.Evidence?.Steps ?? [])
            {
                foreach (var link in step.Links)
                {
                    // The relationship is keyed on (from, to, runId, rule): a link listed twice would only overwrite itself.
                    if (seen.Add((link.From, link.To, link.Rule)))
                    {
                        evidence.Add(new EvidenceWrite(c.Id, link.From, link.To, link.Rule, link.Weight, JsonSerializer.Serialize(link.Records, ProvenanceJson)));
                    }
                }
            }
        }

        var header = new RunWrite(run.RunId, run.CreatedAt, run.Parameters.ToJson(), run.InputHash, run.CodeVersion, run.MembershipHash);
        return new RunWriteBack(header, clusters, attributions, evidence);
    }
}
