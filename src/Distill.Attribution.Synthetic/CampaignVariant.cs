using System.Globalization;

namespace Distill.Attribution.Synthetic;

/// <summary>How a campaign's accounts reach the service: a few sticky exits rotated over time, or a new exit for almost every request.</summary>
public enum ExitRotation
{
    /// <summary>Each account holds 2–6 exits and moves to the next every 6–48 h.</summary>
    Sticky,

    /// <summary>Each account spreads its requests over 20–60 exits of the pool, picked per request.</summary>
    PerRequest,
}

/// <summary>How a campaign pays.</summary>
public enum PaymentPattern
{
    /// <summary>Instruments shared by crews of 5–25 accounts.</summary>
    Shared,

    /// <summary>Every account its own ordinary card.</summary>
    Unique,

    /// <summary>Half in small shared batches of 2–6, half unique.</summary>
    Mixed,

    /// <summary>Every account its own prepaid card on a BIN ordinary users also have.</summary>
    Prepaid,
}

/// <summary>How a campaign's work prompts map to templates.</summary>
public enum TemplatePattern
{
    /// <summary>3–12 templates shared by the whole campaign.</summary>
    FewShared,

    /// <summary>A pool of 200–600 templates, each account using 8–20 of them.</summary>
    SpreadThin,
}

/// <summary>
/// One structural variant of a campaign: scheduler, infrastructure, money, templates, camouflage and
/// volume. The identity of the campaign (operator, pathways, e-mail, capabilities, model adoption,
/// indicators) stays the planner's; the variant replaces its structure.
/// </summary>
public sealed record CampaignVariant(
    string Name,
    Scheduler Scheduler,
    ExitRotation Rotation,
    int PoolSize,
    bool ExitsSharedWithInnocents,
    PaymentPattern Payments,
    TemplatePattern Templates,
    double Camouflage,
    double Volume)
{
    /// <summary>Named presets: one per scheduler, each with a different infrastructure, money and template structure.</summary>
    public static IReadOnlyDictionary<string, CampaignVariant> Presets { get; } = new Dictionary<string, CampaignVariant>(StringComparer.Ordinal)
    {
        ["crew_bursts"] = new("crew_bursts", Scheduler.CrewBursts, ExitRotation.Sticky, 300, false, PaymentPattern.Shared, TemplatePattern.FewShared, 0.2, 1.0),
        ["load_balancer"] = new("load_balancer", Scheduler.RandomSubset, ExitRotation.PerRequest, 2000, true, PaymentPattern.Mixed, TemplatePattern.SpreadThin, 0.3, 1.0),
        ["work_queue"] = new("work_queue", Scheduler.WorkQueue, ExitRotation.Sticky, 10, true, PaymentPattern.Unique, TemplatePattern.FewShared, 0.5, 0.3),
        ["round_robin"] = new("round_robin", Scheduler.RoundRobin, ExitRotation.Sticky, 100, false, PaymentPattern.Prepaid, TemplatePattern.SpreadThin, 0.1, 3.0),
        ["poisson"] = new("poisson", Scheduler.Poisson, ExitRotation.PerRequest, 10_000, true, PaymentPattern.Unique, TemplatePattern.FewShared, 0.6, 0.3),
        ["slow_drip"] = new("slow_drip", Scheduler.SlowDrip, ExitRotation.Sticky, 1000, true, PaymentPattern.Mixed, TemplatePattern.SpreadThin, 0.9, 0.1),
    };

    /// <summary>Every axis drawn independently from the plan's random stream (pool size and volume log-uniform).</summary>
    internal static CampaignVariant Draw(ref SyntheticRandom rng)
    {
        var scheduler = (Scheduler)rng.Next(6);
        var rotation = (ExitRotation)rng.Next(2);
        var pool = (int)Math.Round(Math.Pow(10, 1 + (3 * rng.NextDouble()))); // 10 … 10,000
        var shared = rng.Chance(.5);
        var payments = (PaymentPattern)rng.Next(4);
        var templates = (TemplatePattern)rng.Next(2);
        var camouflage = Math.Round(0.9 * rng.NextDouble(), 2);
        var volume = Math.Round(Math.Pow(10, -1 + (1.5 * rng.NextDouble())), 2); // 0.1 … ~3.2
        return new CampaignVariant("random", scheduler, rotation, pool, shared, payments, templates, camouflage, volume);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Scheduler}, {Rotation} exits (pool {PoolSize}{(ExitsSharedWithInnocents ? ", shared with innocents" : "")}), {Payments} payments, {Templates} templates, camouflage {Camouflage:0.##}, volume ×{Volume:0.##}");
}
