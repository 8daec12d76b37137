using Distill.GraphQL.Execution;

namespace Distill.GraphQL.Http;

/// <summary>Options of the GraphQL HTTP endpoint and of its executor.</summary>
public sealed class GraphQLServerOptions
{
    /// <summary>Largest accepted POST body, in bytes (413 beyond).</summary>
    public long MaxRequestBytes { get; set; } = 1 << 20;

    /// <summary>Longest accepted GET query string, in characters (414 beyond).</summary>
    public int MaxQueryStringLength { get; set; } = 16 * 1024;

    /// <summary>Whether GET requests may run queries (they never run mutations).</summary>
    public bool EnableGet { get; set; } = true;

    public GraphQLExecutionOptions Execution { get; } = new();
}
