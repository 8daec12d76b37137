using System.Security.Claims;
using System.Text.Json;

namespace Distill.GraphQL.Execution;

/// <summary>One GraphQL request as the executor sees it; hosts attach the caller's identity and services.</summary>
public sealed class GraphQLRequest
{
    public required string Query { get; init; }

    public string? OperationName { get; init; }

    /// <summary>The variables object (or null).</summary>
    public JsonElement? Variables { get; init; }

    /// <summary>The request's service provider, reachable from resolvers as <see cref="ResolverContext.Services"/>.</summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>The caller, as the host authenticated it (null when anonymous).</summary>
    public ClaimsPrincipal? User { get; set; }

    /// <summary>Anything else the host wants resolvers and observers to see (e.g. the API key id and role).</summary>
    public IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>False for transports that must not run mutations (HTTP GET).</summary>
    public bool AllowMutations { get; init; } = true;
}
