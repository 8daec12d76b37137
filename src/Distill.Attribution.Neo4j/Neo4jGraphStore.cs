using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// The production graph store: Neo4j 5 over its HTTP Query API, behind the same port as the embedded
/// SQLite store. Each <see cref="IngestBatch"/> is written in one explicit transaction as statements of
/// at most <see cref="Neo4jOptions.BatchSize"/> rows (so a batch is all-or-nothing, as the port asks), and
/// the whole transaction is retried on <c>Neo.TransientError.*</c>. Every statement comes from
/// <c>cypher/</c>; see <see cref="CypherFiles"/>. Open one with <see cref="Create"/> or
/// <see cref="FromEnvironment"/>.
/// </summary>
public sealed class Neo4jGraphStore : IGraphStore
{
    private const string RequestSequenceName = "request";

    private readonly QueryApiClient client;
    private readonly CypherScripts cypher;
    private readonly int batchSize;

    internal Neo4jGraphStore(QueryApiClient client, CypherScripts cypher)
    {
        this.client = client;
        this.cypher = cypher;
        batchSize = client.Options.BatchSize;
        Runs = new Neo4jRunWriter(client, cypher);
        Investigator = new Neo4jInvestigatorQueries(client, cypher);
        Gds = new Neo4jGdsLeiden(client, cypher);
        Accounts = new Neo4jAccountReadModel(client, cypher);
        Sources = new Neo4jSourceRecordReader(client, cypher);
    }

    /// <summary>Writes detection runs back into the graph (Cluster nodes, IN_CLUSTER, ATTRIBUTED_TO, EVIDENCE).</summary>
    public Neo4jRunWriter Runs { get; }

    /// <summary>The investigator's read queries.</summary>
    public Neo4jInvestigatorQueries Investigator { get; }

    /// <summary>The investigator API's account read model (profiles, look-ups, activity, shared infrastructure).</summary>
    public Neo4jAccountReadModel Accounts { get; }

    /// <summary>Reads the records an evidence pack cites.</summary>
    public Neo4jSourceRecordReader Sources { get; }

    /// <summary>The optional GDS Leiden variant (needs the GDS plugin).</summary>
    public Neo4jGdsLeiden Gds { get; }

    /// <summary>Opens a store on <paramref name="options"/> (no request is sent until the first call).</summary>
    public static Neo4jGraphStore Create(Neo4jOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            // Long-lived pooled connections, refreshed so DNS changes (a cluster's members) are noticed.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return new Neo4jGraphStore(new QueryApiClient(http, options, ownsHttp: true), CypherScripts.Default);
    }

    /// <summary>Opens a store from <c>NEO4J_*</c>; <paramref name="uriOverride"/> is the CLI's <c>--neo4j URI</c>.</summary>
    public static Neo4jGraphStore FromEnvironment(string? uriOverride = null) => Create(Neo4jOptions.FromEnvironment(uriOverride));

    /// <summary>
    /// Creates the constraints and indexes (all <c>IF NOT EXISTS</c>) and the request sequence. Schema
    /// commands cannot share a transaction with writes, so each runs on its own.
    /// </summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        foreach (var path in cypher.Under(CypherFiles.SchemaFolder))
        {
            var parameters = path == CypherFiles.RequestSequence ? Parameters.Of(("name", RequestSequenceName)) : null;
            await client.RunAsync(cypher[path], parameters, ct);
        }
    }

    public Task<int> WriteBatchAsync(IngestBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Kind switch
        {
            RecordKind.Accounts => WriteAsync(IngestRows.Accounts(batch.Accounts), CypherFiles.IngestAccounts, IngestRows.WriteAccount, ct),
            RecordKind.Payments => WriteAsync(IngestRows.MinPerKey(batch.Payments, IngestRows.PaymentKey, IngestRows.ComparePayments), CypherFiles.IngestPayments, IngestRows.WritePayment, ct),
            RecordKind.Sessions => WriteAsync(IngestRows.FirstPerKey(batch.Sessions, IngestRows.SessionKey), CypherFiles.IngestSessions, IngestRows.WriteSession, ct),
            RecordKind.Requests => WriteRequestsAsync(IngestRows.FirstPerKey(batch.Requests, static r => r.RequestId), ct),
            RecordKind.Releases => WriteAsync(IngestRows.MinPerKey(batch.Releases, static r => r.Model, IngestRows.CompareReleases), CypherFiles.IngestReleases, IngestRows.WriteRelease, ct),
            RecordKind.Indicators => WriteAsync(IngestRows.LastPerKey(batch.Indicators, IngestRows.IndicatorKey), CypherFiles.IngestIndicators, IngestRows.WriteIndicator, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(batch), batch.Kind, "Unknown record kind."),
        };
    }

    /// <summary>Fails (a <see cref="Neo4jException"/> or an <see cref="HttpRequestException"/>) unless the server answers a query in the configured database.</summary>
    public async Task PingAsync(CancellationToken ct)
    {
        var result = await client.RunAsync(cypher[CypherFiles.Ping], null, ct);
        _ = result.SingleLong("ok");
    }

    public async Task<StoreStats> GetStatsAsync(CancellationToken ct)
    {
        var result = await client.RunAsync(cypher[CypherFiles.GetStats], null, ct);
        return new StoreStats(
            result.SingleLong("accounts"),
            result.SingleLong("payments"),
            result.SingleLong("sessions"),
            result.SingleLong("requests"),
            result.SingleLong("releases"),
            result.SingleLong("indicators"),
            result.SingleLong("runs"),
            result.SingleLong("clusters"));
    }

    /// <inheritdoc cref="SnapshotAssembler"/>
    public Task<DetectionSnapshot> LoadSnapshotAsync(IProgress<long>? progress, CancellationToken ct) =>
        new Neo4jSnapshotLoader(client, cypher).LoadAsync(progress, ct);

    public async Task<IReadOnlyDictionary<long, string>> ResolveRequestIdsAsync(IReadOnlyCollection<long> rowIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rowIds);
        var ids = rowIds.Distinct().ToArray();
        var resolved = new Dictionary<long, string>(ids.Length);
        for (var start = 0; start < ids.Length; start += batchSize)
        {
            var slice = ids[start..Math.Min(start + batchSize, ids.Length)];
            var result = await client.RunAsync(cypher[CypherFiles.ResolveRequestIds], Parameters.Of(("rowIds", slice)), ct);
            if (result.Rows.Count == 0)
            {
                continue;
            }

            var rowColumn = result.Column("rowId");
            var idColumn = result.Column("requestId");
            foreach (var row in result.Rows)
            {
                resolved[Values.AsLong(row[rowColumn])] = Values.AsString(row[idColumn]);
            }
        }

        return resolved;
    }

    /// <summary>
    /// Deletes every node and relationship (constraints stay). For the contract tests on a scratch
    /// database; internal so that no host can call it. <c>CALL … IN TRANSACTIONS</c> needs an implicit
    /// transaction, which <see cref="QueryApiClient.RunAsync"/> uses.
    /// </summary>
    internal Task DeleteAllForTestsAsync(CancellationToken ct) => client.RunAsync(cypher[CypherFiles.DeleteAll], null, ct);

    /// <summary>
    /// The whole store as sorted text lines (nodes, then relationships, properties in key order), for the
    /// contract tests' "nothing changed" checks. Element ids are left out: they are not content.
    /// </summary>
    internal async Task<string> DumpForTestsAsync(CancellationToken ct)
    {
        var lines = new List<string>();
        var nodes = await client.RunAsync(cypher[CypherFiles.DumpNodes], null, ct);
        foreach (var row in nodes.Rows)
        {
            var labels = ((List<object?>)row[nodes.Column("labels")]!).Select(l => (string)l!).Order(StringComparer.Ordinal);
            lines.Add($"({string.Join(':', labels)} {DumpText.Of(row[nodes.Column("properties")])})");
        }

        var relationships = await client.RunAsync(cypher[CypherFiles.DumpRelationships], null, ct);
        foreach (var row in relationships.Rows)
        {
            lines.Add($"[{DumpText.Of(row[relationships.Column("fromKey")])}]-[:{row[relationships.Column("type")]} {DumpText.Of(row[relationships.Column("properties")])}]->[{DumpText.Of(row[relationships.Column("toKey")])}]");
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<int> WriteAsync<T>(IReadOnlyList<T> rows, string file, Action<System.Text.Json.Utf8JsonWriter, T, int> writeRow, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return Task.FromResult(0);
        }

        return client.InTransactionAsync(
            async (tx, token) =>
            {
                var created = 0L;
                for (var start = 0; start < rows.Count; start += batchSize)
                {
                    var slice = new RowsParameter<T>(rows, start, Math.Min(batchSize, rows.Count - start), writeRow);
                    created += (await tx.RunAsync(cypher[file], Parameters.Of(("rows", slice)), token)).SingleLong("created");
                }

                return checked((int)created);
            },
            ct);
    }

    private Task<int> WriteRequestsAsync(IReadOnlyList<RequestRecord> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return Task.FromResult(0);
        }

        return client.InTransactionAsync(
            async (tx, token) =>
            {
                // Row ids come from a sequence node locked by this transaction, so they are unique and a
                // rolled-back batch leaves no gap-filling surprises for a concurrent writer.
                var reserved = await tx.RunAsync(cypher[CypherFiles.ReserveRowIds], Parameters.Of(("name", RequestSequenceName), ("count", rows.Count)), token);
                var firstRowId = reserved.SingleLong("first");
                var created = 0L;
                for (var start = 0; start < rows.Count; start += batchSize)
                {
                    var slice = new RowsParameter<RequestRecord>(rows, start, Math.Min(batchSize, rows.Count - start), IngestRows.WriteRequest);
                    var result = await tx.RunAsync(cypher[CypherFiles.IngestRequests], Parameters.Of(("rows", slice), ("firstRowId", firstRowId)), token);
                    created += result.SingleLong("created");
                }

                return checked((int)created);
            },
            ct);
    }
}
