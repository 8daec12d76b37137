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
/// request stops here with 401 and is audited as <c>unauthenticated</c>, without its body, by
/// <see cref="AuditRefusalObserver"/>. Failed attempts per client address are limited
/// (<see cref="FailedAuthenticationLimiter"/>): beyond the limit the answer is 429 and nothing more is written.
/// </summary>
internal sealed class ApiKeyInterceptor(ISender sender, RequestCaller caller, FailedAuthenticationLimiter failures) : IGraphQLHttpInterceptor
{
    public async ValueTask<GraphQLHttpRejection?> OnRequestAsync(HttpContext httpContext, GraphQLRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(request);
        var presented = BearerToken(httpContext.Request.Headers.Authorization.ToString());
        var key = presented is null ? null : await sender.Send(new AuthenticateApiKeyQuery(presented), cancellationToken);
        if (key is null)
        {
            // The presented text and the variables are never recorded: the key may be a real key with a typo.
            if (!failures.TryAcquire(httpContext))
            {
                return new GraphQLHttpRejection(StatusCodes.Status429TooManyRequests, "Too many requests without a valid API key; retry later.", ApiErrorCodes.RateLimited)
                {
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
                };
            }

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
