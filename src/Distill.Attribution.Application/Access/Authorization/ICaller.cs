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
}
