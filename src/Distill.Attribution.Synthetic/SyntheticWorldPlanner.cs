namespace Distill.Attribution.Synthetic;

/// <summary>
/// Builds the <see cref="SyntheticWorld"/>: the shared pools, then every scenario of docs/generator.md
/// (campaigns, look-alikes, the ordinary population) in a fixed order on one random stream, so the
/// plan depends on the seed and options only.
/// </summary>
internal sealed class SyntheticWorldPlanner(SyntheticOptions options)
{
    public SyntheticWorld Plan()
    {
        var w = new WorldBuilder(options);
        w.HarnessClient = w.Client("openharness/1.8.2");
        w.HarnessTemplate = w.NewTemplate();
        w.Pools = new SharedPools(w);

        var campaigns = new CampaignPlanner(w);
        campaigns.PlanSyncOperator();
        campaigns.PlanPivotOperator();
        campaigns.PlanHydraReseller();
        campaigns.PlanUnknownOperator();

        var lookAlikes = new LookAlikePlanner(w);
        lookAlikes.PlanOfficeTeams();
        lookAlikes.PlanResearchLabs();
        lookAlikes.PlanApiGateway();
        lookAlikes.PlanHackathons();
        lookAlikes.PlanCron();
        lookAlikes.PlanSharedEgress(ScenarioKind.LegitCgnat, w.Scaled(700, 10));
        lookAlikes.PlanSharedEgress(ScenarioKind.LegitCampusNat, w.Scaled(600, 10));
        lookAlikes.PlanFamilies();
        lookAlikes.PlanVpnUsers();
        lookAlikes.PlanProxyExitHomes();
        lookAlikes.PlanPowerUsers();
        lookAlikes.PlanAgentHarnessUsers();

        new BackgroundPlanner(w).PlanBackground();
        return w.Finish();
    }
}
