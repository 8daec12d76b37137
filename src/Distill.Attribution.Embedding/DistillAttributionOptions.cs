namespace Distill.Attribution.Embedding;

/// <summary>
/// Where <see cref="IDistillAttribution"/> keeps its data. The graph goes to Neo4j when <see cref="Neo4jUri"/>
/// is set, else to the embedded SQLite file; runs always live in the SQLite file (as with the command line).
/// </summary>
public sealed class DistillAttributionOptions
{
    /// <summary>The configuration section <see cref="DependencyInjection.AddDistillAttribution(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration, Action{DistillAttributionOptions}?)"/> reads.</summary>
    public const string SectionName = "Distill";

    /// <summary>The SQLite store file (<c>Distill:Store</c>); created and migrated on first use. Default <c>./distill.db</c>.</summary>
    public string StorePath { get; set; } = "./distill.db";

    /// <summary>The Neo4j HTTP endpoint (<c>Distill:Neo4j:Uri</c>), e.g. <c>http://localhost:7474</c>; null for the embedded store.</summary>
    public Uri? Neo4jUri { get; set; }

    /// <summary>Neo4j user (<c>Distill:Neo4j:User</c>).</summary>
    public string? Neo4jUser { get; set; }

    /// <summary>Neo4j password (<c>Distill:Neo4j:Password</c>); never logged.</summary>
    public string? Neo4jPassword { get; set; }

    /// <summary>Neo4j database (<c>Distill:Neo4j:Database</c>). Default <c>neo4j</c>.</summary>
    public string Neo4jDatabase { get; set; } = "neo4j";
}
