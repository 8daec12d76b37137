namespace Distill.Attribution.Api;

/// <summary>Error codes of the investigator API beyond the engine's (<see cref="Distill.GraphQL.ErrorCodes"/>).</summary>
internal static class ApiErrorCodes
{
    /// <summary>The client sent more requests than its rate limit allows (HTTP 429, with Retry-After).</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>An <c>alertRaised</c> subscriber fell too far behind and was closed (a last <c>next</c> event, then <c>complete</c>).</summary>
    public const string SubscriberTooSlow = "SUBSCRIBER_TOO_SLOW";
}
