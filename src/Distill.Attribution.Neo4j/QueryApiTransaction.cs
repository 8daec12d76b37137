namespace Distill.Attribution.Neo4j;

/// <summary>
/// An explicit Query API transaction: statements go to <c>POST …/query/v2/tx/{id}</c>, commit to
/// <c>POST …/tx/{id}/commit</c>, rollback to <c>DELETE …/tx/{id}</c>, each carrying the cluster-affinity
/// header the server set when it opened the transaction (so a cluster routes them to the same member).
/// Disposing without a commit rolls back. Not thread-safe: one statement at a time.
/// </summary>
internal sealed class QueryApiTransaction : IAsyncDisposable
{
    private readonly QueryApiClient client;
    private readonly string path;
    private bool finished;

    public QueryApiTransaction(QueryApiClient client, string path, string? clusterAffinity)
    {
        this.client = client;
        this.path = path;
        ClusterAffinity = clusterAffinity;
    }

    /// <summary>The affinity token the server sent when the transaction opened (null on a single server that sends none).</summary>
    public string? ClusterAffinity { get; }

    public async Task<QueryResult> RunAsync(string statement, IReadOnlyDictionary<string, object?>? parameters, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        try
        {
            return (await client.SendAsync(HttpMethod.Post, path, statement, parameters, ClusterAffinity, ct)).Result;
        }
        catch (Neo4jException)
        {
            // The server rolls a transaction back when one of its statements fails; nothing left to commit.
            finished = true;
            throw;
        }
    }

    public async Task<IReadOnlyList<string>> CommitAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        finished = true;
        var response = await client.SendAsync(HttpMethod.Post, path + "/commit", null, null, ClusterAffinity, ct);
        return response.Result.Bookmarks;
    }

    public async Task RollbackAsync(CancellationToken ct)
    {
        if (finished)
        {
            return;
        }

        finished = true;
        await client.SendAsync(HttpMethod.Delete, path, null, null, ClusterAffinity, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (finished)
        {
            return;
        }

        try
        {
            await RollbackAsync(CancellationToken.None);
        }
        catch (Neo4jException)
        {
            // Best effort: the server also expires an abandoned transaction after its idle timeout.
        }
    }
}
