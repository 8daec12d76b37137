namespace Distill.Attribution.Embedding.Stores;

/// <summary>Where the graph (account data) lives; the service's own records (runs, keys, audit, cases) are always in the SQLite file.</summary>
public enum StoreKind
{
    /// <summary>The embedded SQLite file (<c>Distill:Store:Kind = sqlite</c>).</summary>
    Sqlite,

    /// <summary>A Neo4j server over its HTTP Query API (<c>Distill:Store:Kind = neo4j</c>).</summary>
    Neo4j,
}
