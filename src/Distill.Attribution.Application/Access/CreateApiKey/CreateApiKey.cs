using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using FluentValidation;

namespace Distill.Attribution.Application.Access.CreateApiKey;

/// <summary>
/// Creates an API key for a role; the key text is returned once and only its hash is stored. <see cref="Holder"/>
/// names the person who holds the key (required for legal and admin keys: their actions enter custody logs).
/// </summary>
public sealed record CreateApiKeyCommand(string Role, string? Label, string? Holder = null) : IRequest<CreateApiKeyResult>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.ManageKeys;
}

public sealed record CreateApiKeyResult(string KeyId, Role Role, string Key);

internal sealed class CreateApiKeyHandler(IAccessStore store, IClock clock) : IRequestHandler<CreateApiKeyCommand, CreateApiKeyResult>
{
    public async Task<CreateApiKeyResult> Handle(CreateApiKeyCommand request, CancellationToken ct)
    {
        if (!Roles.TryParse(request.Role, out var role))
        {
            throw new ArgumentException("The validator lets only known roles through.", nameof(request));
        }

        var secret = ApiKeySecret.Create();
        await store.SaveKeyAsync(new StoredApiKey(secret.KeyId, secret.Hash(), role, clock.UtcNow, request.Label, string.IsNullOrWhiteSpace(request.Holder) ? null : request.Holder.Trim()), ct);
        return new CreateApiKeyResult(secret.KeyId, role, secret.Text);
    }
}

internal sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyValidator()
    {
        RuleFor(c => c.Role)
            .Must(r => Roles.TryParse(r, out _))
            .WithMessage("Role must be one of: investigator, analyst, legal, admin.");
        RuleFor(c => c.Label).MaximumLength(200);
        RuleFor(c => c.Holder)
            .Must(h => !string.IsNullOrWhiteSpace(h))
            .When(c => Roles.TryParse(c.Role, out var r) && r is Domain.Access.Role.Legal or Domain.Access.Role.Admin)
            .WithMessage("Legal and admin keys need a named holder (--holder NAME): their actions enter custody logs.");
        RuleFor(c => c.Holder)
            .MaximumLength(200)
            .Must(h => h is null || !h.Any(char.IsControl))
            .WithMessage("Holder must be at most 200 characters without control characters.");
    }
}
