namespace Distill.Attribution.Synthetic;

/// <summary>The scenario that made an account; its snake_case name is the <c>kind</c> column of truth.csv.</summary>
public enum ScenarioKind
{
    SyncOperator,
    PivotOperator,
    HydraReseller,
    UnknownOperator,
    LegitOfficeTeam,
    LegitResearchLab,
    LegitApiGateway,
    LegitHackathon,
    LegitCron,
    LegitCgnat,
    LegitCampusNat,
    LegitFamily,
    LegitVpn,
    LegitProxyExitHome,
    LegitPowerUser,
    LegitAgentHarness,
    LegitBackground,
}
