namespace Distill.Attribution.Neo4j;

/// <summary>
/// The investigator's read queries against a Neo4j store (clusters of a run, one cluster with members and
/// evidence, an account, look-up by identifier). Rows come back as maps keyed by the statement's column
/// names (see the files under <c>cypher/queries/</c>), for the API layer to map.
/// </summary>
public sealed class Neo4jInvestigatorQueries
{
    private readonly QueryApiClient client;
    private readonly CypherScripts cypher;

    internal Neo4jInvestigatorQueries(QueryApiClient client, CypherScripts cypher)
    {
        this.client = client;
        this.cypher = cypher;
    }

    /// <summary>The latest run (runId, createdAt, inputHash, codeVersion, membershipHash) or null when there is none.</summary>
    public async Task<IReadOnlyDictionary<string, object?>?> GetLatestRunAsync(CancellationToken ct)
    {
        var rows = await QueryAsync(CypherFiles.GetLatestRun, null, ct);
        return rows.Count == 0 || rows[0]["runId"] is null ? null : rows[0];
    }

    public Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ListClustersAsync(string runId, int skip, int limit, CancellationToken ct) =>
        QueryAsync(CypherFiles.ListClusters, Parameters.Of(("runId", runId), ("skip", skip), ("limit", limit)), ct);

    public async Task<IReadOnlyDictionary<string, object?>?> GetClusterDetailAsync(string runId, string clusterId, CancellationToken ct)
    {
        var rows = await QueryAsync(CypherFiles.GetClusterDetail, Parameters.Of(("runId", runId), ("clusterId", clusterId)), ct);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> GetClusterEvidenceAsync(string runId, string clusterId, CancellationToken ct) =>
        QueryAsync(CypherFiles.GetClusterEvidence, Parameters.Of(("runId", runId), ("clusterId", clusterId)), ct);

    public async Task<IReadOnlyDictionary<string, object?>?> GetClusterForAccountAsync(string runId, string accountId, CancellationToken ct)
    {
        var rows = await QueryAsync(CypherFiles.GetClusterForAccount, Parameters.Of(("runId", runId), ("accountId", accountId)), ct);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyDictionary<string, object?>?> GetAccountAsync(string accountId, CancellationToken ct)
    {
        var rows = await QueryAsync(CypherFiles.GetAccount, Parameters.Of(("accountId", accountId)), ct);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Account ids that carry <paramref name="value"/> as id, email domain/hash, organisation, instrument or IP.</summary>
    public async Task<IReadOnlyList<string>> FindAccountsByIdentifierAsync(string value, int limit, CancellationToken ct)
    {
        var result = await client.RunAsync(cypher[CypherFiles.FindAccountsByIdentifier], Parameters.Of(("value", value), ("limit", limit)), ct);
        var ids = new List<string>(result.Rows.Count);
        if (result.Rows.Count > 0)
        {
            var column = result.Column("accountId");
            foreach (var row in result.Rows)
            {
                ids.Add(Values.AsString(row[column]));
            }
        }

        return ids;
    }

    private async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryAsync(string file, Dictionary<string, object?>? parameters, CancellationToken ct) =>
        (await client.RunAsync(cypher[file], parameters, ct)).ToMaps();
}
