namespace Distill.Attribution.Application.Abstractions;

/// <summary>One line of a pack's chain of custody: who did what, when, from which run and store snapshot.</summary>
public sealed record CustodyEntry(
    DateTimeOffset At,
    string Action,
    string KeyId,
    string Role,
    string RunId,
    string InputHash,
    string ClusterId,
    string MembershipHash);
