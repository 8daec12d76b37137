using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Application.Access.Authorization;

/// <summary>A caller known up front: the local command line (whoever can read the store file is its admin).</summary>
public sealed class FixedCaller(string? keyId, Role? role, string? holder = null, string? osUser = null) : ICaller
{
    public static FixedCaller CommandLine { get; } = new("cli", Domain.Access.Role.Admin);

    public string? KeyId { get; } = keyId;

    public Role? Role { get; } = role;

    public string? Holder { get; } = holder;

    public string? OsUser { get; } = osUser;

    /// <summary>The local command line acting for a named custodian, recording the operating-system user too.</summary>
    public static FixedCaller CommandLineFor(string custodian) => new("cli", Domain.Access.Role.Admin, custodian, Environment.UserName);
}
