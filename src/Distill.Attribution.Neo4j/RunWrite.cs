namespace Distill.Attribution.Neo4j;

/// <summary>A detection run to record: what produced it and the hashes that make it reproducible.</summary>
public sealed record RunWrite(
    string RunId,
    DateTimeOffset CreatedAt,
    string ParametersJson,
    string InputHash,
    string CodeVersion,
    string MembershipHash);
