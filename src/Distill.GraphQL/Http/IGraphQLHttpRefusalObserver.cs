namespace Distill.GraphQL.Http;

/// <summary>
/// Called for every HTTP request the endpoint answers without executing it (400, 405, 406, 413, 414, 415, an
/// interceptor's rejection such as 401 or 429) and for one that failed with 500, e.g. to audit it. The request
/// body is never passed: a refused request's content is not trusted and may carry secrets. Registered in DI.
/// </summary>
public interface IGraphQLHttpRefusalObserver
{
    ValueTask OnRefusedAsync(GraphQLHttpRefusal refusal, CancellationToken cancellationToken);
}

/// <summary>What an <see cref="IGraphQLHttpRefusalObserver"/> learns about a refused request.</summary>
/// <param name="HttpContext">The request (headers and connection; its body must not be read).</param>
/// <param name="StatusCode">The HTTP status sent.</param>
/// <param name="Code">The error code sent (<c>extensions.code</c>), or a short reason for statuses without a body.</param>
/// <param name="OperationName">The operation name the client gave, when the body could be read.</param>
/// <param name="DocumentSha256">Hex SHA-256 of the query text, when the body could be read.</param>
public sealed record GraphQLHttpRefusal(
    Microsoft.AspNetCore.Http.HttpContext HttpContext,
    int StatusCode,
    string Code,
    string? OperationName,
    string? DocumentSha256);
