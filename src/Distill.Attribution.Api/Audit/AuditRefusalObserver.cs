using Distill.Attribution.Application.Messaging;
using Distill.GraphQL.Http;
using Microsoft.AspNetCore.Http;

namespace Distill.Attribution.Api.Audit;

/// <summary>
/// Audits every request the endpoint refused without executing it (401, 400, 405, 406, 413, 414, 415) or that
/// failed with 500: time, operation name and document hash when the body could be read, and the outcome; never the
/// variables or anything else of the body (a refused request's content is untrusted and may carry secrets).
/// Requests refused by the rate limiter (429) are not audited one by one: that limiter protects the trail itself.
/// </summary>
internal sealed class AuditRefusalObserver(ISender sender) : IGraphQLHttpRefusalObserver
{
    public async ValueTask OnRefusedAsync(GraphQLHttpRefusal refusal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var outcome = refusal.StatusCode == StatusCodes.Status401Unauthorized
            ? refusal.HttpContext.Request.Headers.Authorization.Count == 0 ? "unauthenticated: no key" : "unauthenticated: invalid key"
            : $"refused: {refusal.StatusCode} {refusal.Code}";
        await AuditRecorder.AppendWithoutBodyAsync(sender, refusal.OperationName, refusal.DocumentSha256, outcome, cancellationToken);
    }
}
