using Distill.Attribution.Api.Audit;
using Distill.Attribution.Application.Access.AuthenticateApiKey;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using Distill.GraphQL.Execution;
using Distill.GraphQL.Http;
using Microsoft.AspNetCore.Http;

namespace Distill.Attribution.Api.Access;

/// <summary>
/// Authenticates every GraphQL request by its <c>Authorization: Bearer KEY</c> header. Without a valid key the
/// request stops here with 401 (and is audited as <c>unauthenticated</c>: the engine's observer never sees it).
/// </summary>
internal sealed class ApiKeyInterceptor(ISender sender, RequestCaller caller) : IGraphQLHttpInterceptor
{
    public async ValueTask<GraphQLHttpRejection?> OnRequestAsync(HttpContext httpContext, GraphQLRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(request);
        var presented = BearerToken(httpContext.Request.Headers.Authorization.ToString());
        var key = presented is null ? null : await sender.Send(new AuthenticateApiKeyQuery(presented), cancellationToken);
        if (key is null)
        {
            // The presented text is never recorded: it may be a real key with a typo.
            await AuditRecorder.AppendAsync(sender, null, null, request.OperationName, AuditRecorder.HashDocument(request.Query), request.Variables,
                presented is null ? "unauthenticated: no key" : "unauthenticated: invalid key", cancellationToken);
            return GraphQLHttpRejection.Unauthorized("A valid API key is required (Authorization: Bearer KEY).");
        }

        caller.Authenticate(key.KeyId, key.Role, key.Holder);
        request.Items[AuditObserver.RoleItem] = Roles.Name(key.Role);
        return null;
    }

    private static string? BearerToken(string header)
    {
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length
            ? header[Scheme.Length..].Trim()
            : null;
    }
}
