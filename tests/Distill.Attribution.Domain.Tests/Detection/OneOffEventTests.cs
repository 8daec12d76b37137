using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>The one-off event guard: a hackathon or a class that harvests (reasoning and grading prompts, one sponsor
/// invoice, one notebook template, signed up within 3 hours, active for 36 hours) scores over the threshold on the older
/// features alone; it must stay unflagged, while campaigns that run over many days, and a release pivot confined to one
/// day, are still flagged.</summary>
public sealed class OneOffEventTests
{
    private static SnapshotBuilder HackathonAmongUsers() =>
        new SnapshotBuilder().HarvestingHackathon("hack").IndependentUsers("background", 100, seed: 47);

    [Test]
    public void ShouldNotFlagAHarvestingHackathon()
    {
        var hack = Detect.Run(HackathonAmongUsers().Build()).ClusterOf("hack-0");
        Assert.That(hack, Is.Not.Null, "the shared invoice and notebook put the participants in one cluster");
        Assert.That(hack!.Members, Has.Count.EqualTo(30));
        Assert.That(hack.Flagged, Is.False, () => $"risk {hack.RiskScore}, {hack.Features}");
    }

    [Test]
    public void ShouldFlagTheHarvestingHackathonWithoutTheGuard()
    {
        // The older features alone put the hackathon over every threshold: only the guard keeps it unflagged.
        var hack = Detect.Run(HackathonAmongUsers().Build(), new DetectionParameters { OneOffEventMaxSpanDays = 0 }).ClusterOf("hack-0")!;
        Assert.That(hack.RiskScore, Is.GreaterThanOrEqualTo(new DetectionParameters().FlagThreshold));
        Assert.That(hack.Flagged, Is.True, () => $"risk {hack.RiskScore}, {hack.Features}");
    }

    [Test]
    public void ShouldMeasureTheHackathonsActivitySpanAsItsThirtySixHours()
    {
        var hack = Detect.Run(HackathonAmongUsers().Build()).ClusterOf("hack-0")!;
        // 90 % of requests spread uniformly over 36 h fall within ~32.4 h; hour resolution rounds up to whole hours.
        Assert.That(hack.Features.ActivitySpanDays, Is.InRange(31.0 / 24, 35.0 / 24));
        Assert.That(hack.Features.HarvestSynchrony, Is.Zero, "the tolerant pass does not link it (its distinct-days guard)");
    }

    [Test]
    public void ShouldStillFlagACampaignThatRunsOverManyDays()
    {
        var snapshot = new SnapshotBuilder().Campaign("camp").HarvestingHackathon("hack").IndependentUsers("background", 100, seed: 47).Build();
        var outcome = Detect.Run(snapshot);
        var camp = outcome.ClusterOf("camp-0")!;
        Assert.That(camp.Features.ActivitySpanDays, Is.GreaterThan(new DetectionParameters().OneOffEventMaxSpanDays));
        Assert.That(camp.Flagged, Is.True, () => $"risk {camp.RiskScore}, {camp.Features}");
        Assert.That(camp.Members, Has.Count.EqualTo(20));
        Assert.That(outcome.ClusterOf("hack-0")!.Flagged, Is.False);
    }

    [Test]
    public void ShouldStillFlagAHydraCrewWhoseOnlyHarvestingSignalIsHarvestSynchrony()
    {
        var snapshot = new SnapshotBuilder().HydraCrew("crew").HarvestingHackathon("hack").IndependentUsers("background", 100, seed: 47).Build();
        var crew = Detect.Run(snapshot).ClusterOf("crew-0")!;
        Assert.That(crew.Features.ActivitySpanDays, Is.GreaterThan(10));
        Assert.That(crew.Flagged, Is.True, () => $"risk {crew.RiskScore}, {crew.Features}");
    }

    [Test]
    public void ShouldStillFlagAReleasePivotConfinedToOneDay()
    {
        // A pivot operator harvests a new model within 20 hours of its release: a short window, but the pivot is
        // evidence the shared window does not explain (ordinary users adopt slowly).
        var release = SnapshotBuilder.T0.AddDays(3);
        var snapshot = new SnapshotBuilder()
            .Release("model-new", release)
            .PivotOperator("pivot", "model-new", release)
            .SlowAdopters("slow", "model-new", release)
            .Build();
        var pivot = Detect.Run(snapshot).ClusterOf("pivot-0")!;
        Assert.That(pivot.Features.ActivitySpanDays, Is.LessThanOrEqualTo(new DetectionParameters().OneOffEventMaxSpanDays));
        Assert.That(pivot.Features.ReleasePivot, Is.GreaterThanOrEqualTo(new DetectionParameters().FlagMinHarvest));
        Assert.That(pivot.Flagged, Is.True, () => $"risk {pivot.RiskScore}, {pivot.Features}");
    }

    [Test]
    public void ShouldLeaveACampaignSqueezedIntoOneDayUnflaggedAsTheGuardsKnownCost()
    {
        // The price of the guard, stated rather than hidden: the same crew harvesting for one day only, without a release
        // pivot, looks like an event and is not flagged (its risk score is still reported for review).
        var snapshot = new SnapshotBuilder().Campaign("day", days: 1).IndependentUsers("background", 100, seed: 47).Build();
        var day = Detect.Run(snapshot).ClusterOf("day-0")!;
        Assert.That(day.Features.ActivitySpanDays, Is.LessThanOrEqualTo(1));
        Assert.That(day.RiskScore, Is.GreaterThanOrEqualTo(new DetectionParameters().FlagThreshold));
        Assert.That(day.Flagged, Is.False);
        Assert.That(Detect.Run(snapshot, new DetectionParameters { OneOffEventMaxSpanDays = 0 }).ClusterOf("day-0")!.Flagged, Is.True);
    }
}
