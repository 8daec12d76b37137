using System.CommandLine;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>Options every command takes (the contract's command line).</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> Store = new("--store")
    {
        Description = "Path of the embedded store",
        DefaultValueFactory = _ => "./distill.db",
        Recursive = true,
    };

    public static readonly Option<string?> Neo4j = new("--neo4j")
    {
        Description = "Neo4j URI (credentials from NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) instead of the embedded store",
        Recursive = true,
    };
}
