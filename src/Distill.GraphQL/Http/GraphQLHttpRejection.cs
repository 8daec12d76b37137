namespace Distill.GraphQL.Http;

/// <summary>An interceptor's answer that stops a request before execution (e.g. 401 without a valid API key).</summary>
public sealed record GraphQLHttpRejection(int StatusCode, string Message, string Code)
{
    /// <summary>Extra response headers, e.g. <c>WWW-Authenticate</c>.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public static GraphQLHttpRejection Unauthorized(string message = "Authentication required.") =>
        new(401, message, ErrorCodes.Unauthenticated) { Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = "ApiKey" } };
}
