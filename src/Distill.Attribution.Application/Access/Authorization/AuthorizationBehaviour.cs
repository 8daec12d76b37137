using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Application.Access.Authorization;

/// <summary>
/// Checks the caller's role against what a request needs, before validation and the handler. Requests
/// that do not say what they need are treated as reads, so nothing unauthenticated gets through.
/// </summary>
internal sealed class AuthorizationBehaviour<TRequest, TResponse>(ICaller caller) : IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull
{
    public Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is IAllowAnonymous)
        {
            return next(ct);
        }

        var right = request is IRequireRight needs ? needs.RequiredRight : AccessRight.Read;
        if (caller.Role is not { } role || !role.Allows(right))
        {
            throw new ForbiddenException(right);
        }

        return next(ct);
    }
}
