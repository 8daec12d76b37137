using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Application.Access.AuthenticateApiKey;

/// <summary>Finds who holds a presented key; null for an unknown, malformed or wrong key (never says which).</summary>
public sealed record AuthenticateApiKeyQuery(string? PresentedKey) : IRequest<AuthenticatedKey?>, IAllowAnonymous;

public sealed record AuthenticatedKey(string KeyId, Role Role, string? Holder = null);

internal sealed class AuthenticateApiKeyHandler(IAccessStore store) : IRequestHandler<AuthenticateApiKeyQuery, AuthenticatedKey?>
{
    public async Task<AuthenticatedKey?> Handle(AuthenticateApiKeyQuery request, CancellationToken ct)
    {
        if (!ApiKeySecret.TryParse(request.PresentedKey, out var presented))
        {
            return null;
        }

        var stored = await store.FindKeyAsync(presented.KeyId, ct);
        return stored is not null && presented.Matches(stored.Hash) ? new AuthenticatedKey(stored.KeyId, stored.Role, stored.Holder) : null;
    }
}
