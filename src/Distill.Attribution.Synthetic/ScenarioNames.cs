namespace Distill.Attribution.Synthetic;

/// <summary>Wire names of <see cref="ScenarioKind"/> and whether a scenario is a campaign.</summary>
public static class ScenarioNames
{
    private static readonly string[] Names =
    [
        "sync_operator", "pivot_operator", "hydra_reseller", "unknown_operator",
        "legit_office_team", "legit_research_lab", "legit_api_gateway", "legit_hackathon", "legit_cron",
        "legit_cgnat", "legit_campus_nat", "legit_family", "legit_vpn", "legit_proxy_exit_home",
        "legit_power_user", "legit_agent_harness", "legit_background",
    ];

    /// <summary>Every scenario, in enum order.</summary>
    public static IReadOnlyList<ScenarioKind> All { get; } = Enum.GetValues<ScenarioKind>();

    public static string Name(ScenarioKind kind) => Names[(int)kind];

    /// <summary>True for the four campaigns (label <c>fraud</c>), false for the look-alikes (label <c>legit</c>).</summary>
    public static bool IsFraud(ScenarioKind kind) => kind <= ScenarioKind.UnknownOperator;
}
