using Distill.GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace Distill.GraphQL.Http;

/// <summary>Options of the GraphQL HTTP endpoint and of its executor.</summary>
public sealed class GraphQLServerOptions
{
    /// <summary>Largest accepted POST body, in bytes (413 beyond).</summary>
    public long MaxRequestBytes { get; set; } = 1 << 20;

    /// <summary>
    /// Largest response body, in bytes. A result that would serialise to more is replaced by a single error with
    /// code RESPONSE_TOO_LARGE (and no data), so one query cannot make the server hold or send hundreds of MB.
    /// </summary>
    public long MaxResponseBytes { get; set; } = 32L << 20;

    /// <summary>Longest accepted GET query string, in characters (414 beyond).</summary>
    public int MaxQueryStringLength { get; set; } = 16 * 1024;

    /// <summary>Whether GET requests may run queries (they never run mutations).</summary>
    public bool EnableGet { get; set; } = true;

    /// <summary>
    /// Serves a page (e.g. GraphiQL) to a browser that opens the endpoint itself: a GET that accepts text/html
    /// and carries no <c>query</c> parameter. When null such requests get the usual 406/400 answers.
    /// </summary>
    public Func<HttpContext, Task>? BrowserPage { get; set; }

    public GraphQLExecutionOptions Execution { get; } = new();

    /// <summary>Bounds of subscriptions and other operations over Server-Sent Events.</summary>
    public GraphQLSubscriptionOptions Subscriptions { get; } = new();

    /// <summary>The open event streams of this server (the options object is one per server).</summary>
    internal StreamSlots StreamSlots { get; } = new();
}
