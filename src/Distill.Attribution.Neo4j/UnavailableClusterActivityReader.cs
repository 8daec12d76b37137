using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// For stores that cannot aggregate a cluster's traffic yet (Neo4j: not done, no Cypher query for it): answers
/// null, and the report says the full traffic was not read instead of showing a partial count as the whole.
/// </summary>
internal sealed class UnavailableClusterActivityReader : IClusterActivityReader
{
    public static UnavailableClusterActivityReader Instance { get; } = new();

    public Task<ClusterActivity?> ReadAsync(IReadOnlyList<string> accounts, CancellationToken ct) => Task.FromResult<ClusterActivity?>(null);
}
