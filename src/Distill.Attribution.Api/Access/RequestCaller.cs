using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Api.Access;

/// <summary>The caller of one HTTP request, set by <see cref="ApiKeyInterceptor"/> once the key is checked (scoped).</summary>
internal sealed class RequestCaller : ICaller
{
    public string? KeyId { get; private set; }

    public Role? Role { get; private set; }

    public string? Holder { get; private set; }

    /// <summary>Always null: an API caller is known by its key and the key's holder, not by a user on the server.</summary>
    public string? OsUser => null;

    public void Authenticate(string keyId, Role role, string? holder)
    {
        KeyId = keyId;
        Role = role;
        Holder = holder;
    }
}
