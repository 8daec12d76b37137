using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Api.Access;

/// <summary>The caller of one HTTP request, set by <see cref="ApiKeyInterceptor"/> once the key is checked (scoped).</summary>
internal sealed class RequestCaller : ICaller
{
    public string? KeyId { get; private set; }

    public Role? Role { get; private set; }

    public void Authenticate(string keyId, Role role)
    {
        KeyId = keyId;
        Role = role;
    }
}
