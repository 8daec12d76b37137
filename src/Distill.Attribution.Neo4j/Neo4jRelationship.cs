namespace Distill.Attribution.Neo4j;

/// <summary>A relationship as the Query API returns it.</summary>
internal sealed record Neo4jRelationship(
    string ElementId,
    string Type,
    string StartElementId,
    string EndElementId,
    IReadOnlyDictionary<string, object?> Properties);
