namespace Distill.Attribution.Neo4j;

/// <summary>One decoded Query API answer: the result, and for transactions the id and cluster affinity.</summary>
internal sealed record QueryApiResponse(QueryResult Result, string? TransactionId, string? ClusterAffinity);
