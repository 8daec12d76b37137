using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Application.Access.Authorization;

/// <summary>
/// Who is sending the current request: set once per API request from its key, or the local operator
/// for the command line. Scoped per request.
/// </summary>
public interface ICaller
{
    /// <summary>Key id (or "cli" for the local command line); null when nobody was authenticated.</summary>
    string? KeyId { get; }

    Role? Role { get; }

    /// <summary>The person holding the key (the custodian named on the command line); null when not recorded.</summary>
    string? Holder { get; }

    /// <summary>The operating-system user of a command-line caller; null for API callers.</summary>
    string? OsUser { get; }
}
