namespace Distill.Attribution.Neo4j;

/// <summary>A node as the Query API returns it (element id, labels, decoded properties).</summary>
internal sealed record Neo4jNode(string ElementId, IReadOnlyList<string> Labels, IReadOnlyDictionary<string, object?> Properties);
