namespace Distill.Attribution.Synthetic;

/// <summary>One generated account: its contract fields, its truth and its request behaviour.</summary>
internal sealed class PlannedAccount
{
    public string Id { get; set; } = "";

    public byte[] IdUtf8 { get; set; } = [];

    public required ScenarioKind Scenario { get; init; }

    public string? OperatorId { get; init; }

    public long CreatedAt { get; set; }

    public string? EmailDomain { get; set; }

    public string? EmailHash { get; set; }

    public string? DisplayName { get; set; }

    public string? OrgName { get; set; }

    public required string Pathway { get; set; }

    public string? Country { get; set; }

    public string? Status { get; set; }

    public required AccountBehaviour Behaviour { get; init; }

    /// <summary>Seed of this account's own random stream: the requests depend on nothing else.</summary>
    public ulong Seed { get; set; }

    /// <summary>Global index of this account's first request (prefix sum in id order): request ids derive from it.</summary>
    public long FirstRequestIndex { get; set; }
}
