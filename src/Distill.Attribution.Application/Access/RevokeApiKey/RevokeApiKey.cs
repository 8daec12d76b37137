using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using FluentValidation;

namespace Distill.Attribution.Application.Access.RevokeApiKey;

/// <summary>
/// Revokes an API key: its stored hash is deleted, so the key never authenticates again (at once: keys are not
/// cached). The audit trail and custody logs keep the key id, role and holder they recorded.
/// </summary>
public sealed record RevokeApiKeyCommand(string KeyId) : IRequest<RevokeApiKeyResult>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.ManageKeys;
}

/// <summary><see cref="Revoked"/> is false when no key had that id (already revoked, or mistyped).</summary>
public sealed record RevokeApiKeyResult(string KeyId, bool Revoked);

internal sealed class RevokeApiKeyHandler(IAccessStore store) : IRequestHandler<RevokeApiKeyCommand, RevokeApiKeyResult>
{
    public async Task<RevokeApiKeyResult> Handle(RevokeApiKeyCommand request, CancellationToken ct) =>
        new(request.KeyId, await store.DeleteKeyAsync(request.KeyId, ct));
}

internal sealed class RevokeApiKeyValidator : AbstractValidator<RevokeApiKeyCommand>
{
    public RevokeApiKeyValidator() =>
        RuleFor(c => c.KeyId)
            .NotEmpty().MaximumLength(100)
            .Must(id => id is null || !id.Any(char.IsControl))
            .WithMessage("Key id must be the id `keys list` shows (no control characters).");
}
