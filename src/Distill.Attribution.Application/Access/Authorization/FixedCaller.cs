using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Application.Access.Authorization;

/// <summary>A caller known up front: the local command line (whoever can read the store file is its admin).</summary>
public sealed class FixedCaller(string? keyId, Role? role) : ICaller
{
    public static FixedCaller CommandLine { get; } = new("cli", Domain.Access.Role.Admin);

    public string? KeyId { get; } = keyId;

    public Role? Role { get; } = role;
}
