namespace Distill.Attribution.Synthetic;

/// <summary>
/// Builds the <see cref="SyntheticWorld"/>: the shared pools, then every scenario of docs/generator.md
/// (campaigns, look-alikes, the ordinary population) in a fixed order on one random stream, so the
/// plan depends on the seed and options only. A <see cref="VariantSelection"/> gives campaigns another
/// structure and turns on the look-alike family; without one the world is the reference world.
/// </summary>
internal sealed class SyntheticWorldPlanner(SyntheticOptions options)
{
    public SyntheticWorld Plan()
    {
        var w = new WorldBuilder(options);
        var selection = options.Variants;
        var applied = new List<AppliedVariant>();
        w.HarnessClient = w.Client("openharness/1.8.2");
        w.HarnessTemplate = w.NewTemplate();
        w.Pools = new SharedPools(w);

        var campaigns = new CampaignPlanner(w);
        var variants = new CampaignVariantPlanner(w);
        Campaign(ScenarioKind.SyncOperator, campaigns.PlanSyncOperator);
        Campaign(ScenarioKind.PivotOperator, campaigns.PlanPivotOperator);
        Campaign(ScenarioKind.HydraReseller, campaigns.PlanHydraReseller);
        Campaign(ScenarioKind.UnknownOperator, campaigns.PlanUnknownOperator);

        var lookAlikes = new LookAlikePlanner(w);
        var teamsFrom = w.Accounts.Count;
        lookAlikes.PlanOfficeTeams();
        if (!selection.IsDefault)
        {
            applied.Add(lookAlikes.ApplyTransparentTeams(teamsFrom));
        }

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
        var world = w.Finish();
        world.Variants = applied;
        return world;

        void Campaign(ScenarioKind kind, Action plan)
        {
            var from = w.Accounts.Count;
            plan();
            var name = selection.For(kind);
            if (name is null)
            {
                applied.Add(new AppliedVariant(kind, null, w.Accounts.Count - from, null, "reference"));
                return;
            }

            var variant = selection.CustomFor(kind) ?? (name == "random" ? CampaignVariant.Draw(ref w.Rng) : CampaignVariant.Presets[name]);
            applied.Add(variants.Apply(kind, from, variant));
        }
    }
}
