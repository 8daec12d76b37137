using System.Text.Json;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// Writes a detection run back into the graph so that investigators can browse it in Neo4j: a Run node,
/// Cluster nodes (stable ids across runs) with the run's HAS_CLUSTER score, IN_CLUSTER memberships carrying
/// the run id, ATTRIBUTED_TO with confidence and EVIDENCE links with rule and weight. The whole run is one
/// transaction: investigators never see half a run. Writing the same run again changes nothing.
/// </summary>
public sealed class Neo4jRunWriter
{
    private readonly QueryApiClient client;
    private readonly CypherScripts cypher;

    internal Neo4jRunWriter(QueryApiClient client, CypherScripts cypher)
    {
        this.client = client;
        this.cypher = cypher;
    }

    /// <summary>Writes <paramref name="run"/> (as <see cref="RunWriteBack"/> projects it) in one transaction.</summary>
    public Task WriteRunAsync(Distill.Attribution.Domain.Detection.DetectionRun run, CancellationToken ct)
    {
        var writeBack = RunWriteBack.From(run);
        return WriteRunAsync(writeBack.Run, writeBack.Clusters, writeBack.Attributions, writeBack.Evidence, ct);
    }

    /// <summary>Writes a run, its clusters, attributions and evidence in one transaction, in slices of the batch size.</summary>
    public Task WriteRunAsync(
        RunWrite run,
        IReadOnlyList<ClusterWrite> clusters,
        IReadOnlyList<AttributionWrite> attributions,
        IReadOnlyList<EvidenceWrite> evidence,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(attributions);
        ArgumentNullException.ThrowIfNull(evidence);
        var memberships = new List<(string Account, string Cluster)>();
        foreach (var cluster in clusters)
        {
            foreach (var member in cluster.Members)
            {
                memberships.Add((member, cluster.ClusterId));
            }
        }

        var batch = client.Options.BatchSize;
        return client.InTransactionAsync(
            async (tx, token) =>
            {
                await tx.RunAsync(
                    cypher[CypherFiles.WriteRun],
                    Parameters.Of(
                        ("runId", run.RunId),
                        ("createdAt", run.CreatedAt),
                        ("parameters", run.ParametersJson),
                        ("inputHash", run.InputHash),
                        ("codeVersion", run.CodeVersion),
                        ("membershipHash", run.MembershipHash)),
                    token);
                await WriteSlicesAsync(tx, CypherFiles.WriteClusters, run.RunId, clusters, batch, WriteCluster, token);
                await WriteSlicesAsync(tx, CypherFiles.WriteMemberships, run.RunId, memberships, batch, WriteMembership, token);
                await WriteSlicesAsync(tx, CypherFiles.WriteAttributions, run.RunId, attributions, batch, WriteAttribution, token);
                await WriteSlicesAsync(tx, CypherFiles.WriteEvidence, run.RunId, evidence, batch, WriteEvidence, token);
                return 0;
            },
            ct);
    }

    private async Task WriteSlicesAsync<T>(
        QueryApiTransaction tx,
        string file,
        string runId,
        IReadOnlyList<T> rows,
        int batch,
        Action<Utf8JsonWriter, T, int> write,
        CancellationToken ct)
    {
        for (var start = 0; start < rows.Count; start += batch)
        {
            var slice = new RowsParameter<T>(rows, start, Math.Min(batch, rows.Count - start), write);
            await tx.RunAsync(cypher[file], Parameters.Of(("runId", runId), ("rows", slice)), ct);
        }
    }

    private static void WriteCluster(Utf8JsonWriter w, ClusterWrite c, int offset)
    {
        w.WriteString("clusterId", c.ClusterId);
        w.WritePropertyName("riskScore");
        ParameterWriter.WriteFloat(w, c.RiskScore);
        w.WriteBoolean("flagged", c.Flagged);
        w.WriteNumber("size", c.Members.Count);
        if (c.Lineage is null)
        {
            w.WriteNull("lineage");
        }
        else
        {
            w.WriteString("lineage", c.Lineage);
        }
    }

    private static void WriteMembership(Utf8JsonWriter w, (string Account, string Cluster) m, int offset)
    {
        w.WriteString("accountId", m.Account);
        w.WriteString("clusterId", m.Cluster);
    }

    private static void WriteAttribution(Utf8JsonWriter w, AttributionWrite a, int offset)
    {
        w.WriteString("clusterId", a.ClusterId);
        w.WriteString("operatorId", a.OperatorId);
        w.WritePropertyName("confidence");
        ParameterWriter.WriteFloat(w, a.Confidence);
        w.WriteStartArray("matchedIndicators");
        foreach (var key in a.MatchedIndicators)
        {
            w.WriteStringValue(key);
        }

        w.WriteEndArray();
        if (a.ThroughCluster is { } through)
        {
            w.WriteString("throughCluster", through);
        }
        else
        {
            w.WriteNull("throughCluster");
        }
    }

    private static void WriteEvidence(Utf8JsonWriter w, EvidenceWrite e, int offset)
    {
        w.WriteString("clusterId", e.ClusterId);
        w.WriteString("fromAccountId", e.FromAccountId);
        w.WriteString("toAccountId", e.ToAccountId);
        w.WriteString("rule", e.Rule);
        w.WritePropertyName("weight");
        ParameterWriter.WriteFloat(w, e.Weight);
        w.WriteString("provenance", e.ProvenanceJson);
    }
}
