using Distill.Attribution.Infrastructure.Readiness;

namespace Distill.Attribution.Neo4j;

/// <summary>The Neo4j server answers a query in the configured database (<c>queries/Health/Ping.cypher</c>).</summary>
internal sealed class Neo4jReadinessCheck(Neo4jGraphStore store) : IReadinessCheck
{
    public string Name => "neo4j";

    public async Task<ReadinessResult> CheckAsync(CancellationToken ct)
    {
        try
        {
            await store.PingAsync(ct);
            return new ReadinessResult(true, "reachable");
        }
        catch (Neo4jException e)
        {
            return new ReadinessResult(false, $"query refused ({e.GetType().Name})");
        }
        catch (HttpRequestException e)
        {
            return new ReadinessResult(false, $"unreachable ({e.HttpRequestError})");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ReadinessResult(false, "no answer in time");
        }
    }
}
