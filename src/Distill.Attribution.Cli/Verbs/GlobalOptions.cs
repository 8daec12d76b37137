using System.CommandLine;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// The store options (the contract's command line). A verb takes them only when it uses a store (declared with
/// <see cref="VerbStores.UsesStore"/>), so that <c>--store</c> is neither offered nor accepted by <c>generate</c>,
/// <c>bench</c> or <c>verify-pack</c>. The root command keeps its own copies so that the documented form
/// <c>distill --store FILE VERB</c> still works; <see cref="VerbStores.Check"/> refuses them before a verb that has no store.
/// </summary>
internal static class GlobalOptions
{
    public const string DefaultStorePath = "./distill.db";

    public static readonly Option<string> Store = new("--store")
    {
        Description = "Path of the embedded store",
        DefaultValueFactory = _ => DefaultStorePath,
    };

    public static readonly Option<string?> Neo4j = new("--neo4j")
    {
        Description = "Neo4j URI (credentials from NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) instead of the embedded store",
    };

    /// <summary><c>distill --store FILE VERB</c>: the same option written before the verb.</summary>
    public static readonly Option<string?> RootStore = new("--store")
    {
        Description = $"Path of the embedded store, for the commands that use one (default {DefaultStorePath})",
    };

    /// <summary><c>distill --neo4j URI VERB</c>: the same option written before the verb.</summary>
    public static readonly Option<string?> RootNeo4j = new("--neo4j")
    {
        Description = "Neo4j URI, for the commands that read account data (stats, ingest, detect, pack, serve)",
    };
}
