using Distill.GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace Distill.GraphQL.Http;

/// <summary>
/// Bounds of GraphQL over Server-Sent Events (a POST with <c>Accept: text/event-stream</c>): how many streams may be open
/// at once, in total and per caller, how often an idle stream gets a keep-alive comment, and how long one may last.
/// </summary>
public sealed class GraphQLSubscriptionOptions
{
    /// <summary>Open event streams allowed on this server; beyond, 429 with code SUBSCRIPTION_LIMIT.</summary>
    public int MaxStreams { get; set; } = 500;

    /// <summary>Open event streams allowed per caller (<see cref="CallerKey"/>); beyond, 429 with code SUBSCRIPTION_LIMIT.</summary>
    public int MaxStreamsPerCaller { get; set; } = 8;

    /// <summary>
    /// An idle stream gets a comment line this often, so proxies keep it open and a client that went away is noticed
    /// (the write fails) within one interval.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Longest a stream stays open; then it ends with <c>complete</c> and the client subscribes again. Bounds how long a
    /// revoked key keeps receiving events, since the key is checked when a stream opens.
    /// </summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Who a stream is counted against (e.g. the API key's id); default the authenticated user's name, else the client address.</summary>
    public Func<HttpContext, GraphQLRequest, string?>? CallerKey { get; set; }
}
