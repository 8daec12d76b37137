namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// One line of a pack's chain of custody: who did what, when, from which run and store snapshot. Who is the
/// key (id and role), the person holding it (<see cref="Holder"/>, null only for keys made before holders were
/// recorded) and, from the command line, the operating-system user that ran it (<see cref="OsUser"/>).
/// </summary>
public sealed record CustodyEntry(
    DateTimeOffset At,
    string Action,
    string KeyId,
    string Role,
    string RunId,
    string InputHash,
    string ClusterId,
    string MembershipHash,
    string? Holder = null,
    string? OsUser = null);
