namespace Distill.Attribution.Neo4j;

/// <summary>
/// The optional Graph Data Science variant: projects a run's evidence links with a Cypher projection and
/// runs GDS Leiden with a fixed <c>randomSeed</c> and <c>concurrency: 1</c> (what GDS needs for a
/// reproducible result). A cross-check of the built-in Leiden for deployments that have the plugin; the
/// detection engine does not depend on it. The projected graph is always dropped afterwards.
/// </summary>
public sealed class Neo4jGdsLeiden
{
    private readonly QueryApiClient client;
    private readonly CypherScripts cypher;

    internal Neo4jGdsLeiden(QueryApiClient client, CypherScripts cypher)
    {
        this.client = client;
        this.cypher = cypher;
    }

    /// <summary>Account id → GDS community id for the evidence graph of <paramref name="runId"/>.</summary>
    public async Task<IReadOnlyDictionary<string, long>> RunAsync(string runId, long seed, double resolution, int maxLevels, CancellationToken ct)
    {
        // A per-call name: two investigators running the variant at once must not drop each other's graph.
        var graphName = $"distill-{runId}-{Guid.NewGuid():N}";
        await client.RunAsync(cypher[CypherFiles.GdsProjectEvidence], Parameters.Of(("runId", runId), ("graphName", graphName)), ct);
        try
        {
            var result = await client.RunAsync(
                cypher[CypherFiles.GdsLeidenStream],
                Parameters.Of(("graphName", graphName), ("seed", seed), ("resolution", resolution), ("maxLevels", maxLevels)),
                ct);
            var communities = new Dictionary<string, long>(result.Rows.Count, StringComparer.Ordinal);
            if (result.Rows.Count > 0)
            {
                var account = result.Column("accountId");
                var community = result.Column("communityId");
                foreach (var row in result.Rows)
                {
                    communities[Values.AsString(row[account])] = Values.AsLong(row[community]);
                }
            }

            return communities;
        }
        finally
        {
            await client.RunAsync(cypher[CypherFiles.GdsDropGraph], Parameters.Of(("graphName", graphName)), CancellationToken.None);
        }
    }
}
