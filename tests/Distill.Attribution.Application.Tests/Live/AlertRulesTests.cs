using Distill.Attribution.Application.Live;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Tests.Live;

/// <summary>Each alert kind on hand-built pairs of runs, and what must raise nothing.</summary>
public sealed class AlertRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);
    /// <summary>The rules one run apart (each kind's own conditions); confirmation on a second run has its own tests.</summary>
    private static readonly AlertOptions Options = new() { NewClusterNeedsSecondRun = false };

    [Test]
    public void ShouldRaiseNewClusterOnceTheVerdictHoldsOnASecondRun()
    {
        var confirming = new AlertOptions();
        Assert.That(confirming.NewClusterNeedsSecondRun, Is.True, "on by default");
        var unflagged = Run("run-0001", Cluster("c-0001", 8, flagged: false));
        var flagged = Run("run-0002", Cluster("c-0001", 8, flagged: true, op: "op-a"));
        var again = Run("run-0003", Cluster("c-0001", 8, flagged: true, op: "op-a"));
        Assert.Multiple(() =>
        {
            Assert.That(AlertRules.Compare(unflagged, flagged, [], Now, (_, _) => null, confirming), Is.Empty, "one run's verdict waits");
            Assert.That(AlertRules.Compare(null, flagged, [], Now, (_, _) => null, confirming).Select(f => f.Kind), Is.EqualTo(new[] { AlertKind.NewCluster }),
                "the first run has nothing to confirm against");
            var found = AlertRules.Compare(flagged, again, [], Now, (_, _) => null, confirming, unflagged);
            Assert.That(found.Select(f => f.Kind), Is.EqualTo(new[] { AlertKind.NewCluster }), "held on the second run");
            Assert.That(found[0].Evidence, Does.Contain(new AlertFact("previously", "flagged in the previous run")));
            Assert.That(AlertRules.Compare(flagged, again, [], Now, (_, _) => null, confirming, flagged), Is.Empty, "told a run ago");
            Assert.That(AlertRules.Compare(flagged, again, [], Now, (_, _) => null, confirming), Is.Empty,
                "no run before the previous one: that was the first run, which told what it flagged");
            Assert.That(AlertRules.Compare(flagged, Run("run-0003", Cluster("c-0001", 8, flagged: false)), [], Now, (_, _) => null, confirming, unflagged),
                Is.Empty, "a verdict that reversed is never told");
        });
    }

    [Test]
    public void ShouldTellAConfirmedClusterByItsMembersWhateverItsIdAndFoldItsGrowthIntoTheNewAlert()
    {
        var confirming = new AlertOptions();
        var unflagged = Run("run-0001", Cluster("c-0001", 8, flagged: false));
        var flagged = Run("run-0002", Cluster("c-0001", 8, flagged: true));
        // Leiden gave the same accounts, and four more, another id in the confirming run.
        var renamed = Cluster("c-0009", 12, flagged: true) with { Members = [.. Enumerable.Range(0, 8).Select(i => $"c-0001-m{i:D3}"), "n1", "n2", "n3", "n4"] };
        var found = AlertRules.Compare(flagged, Run("run-0003", renamed), [], Now, (_, _) => null, confirming, unflagged);
        Assert.That(found.Select(f => (f.Cluster.Id, f.Kind)), Is.EqualTo(new[] { ("c-0009", AlertKind.NewCluster) }));
        var grown = AlertRules.Compare(flagged, Run("run-0003", Cluster("c-0001", 12, flagged: true)), [], Now, (_, _) => null, confirming, unflagged);
        Assert.That(grown.Select(f => f.Kind), Is.EqualTo(new[] { AlertKind.NewCluster }), "its growth since the first run is in the new alert");
    }

    [Test]
    public void ShouldTellAPivotOnlyOfAClusterFlaggedOnTwoRuns()
    {
        var release = new ReleaseRecord("nova-9", Now.AddHours(-30));
        var use = new PivotUse(release.ReleasedAt.AddHours(5), 6);
        var confirming = new AlertOptions();
        var current = Run("run-0002", Cluster("c-0001", 10, flagged: true));
        Assert.Multiple(() =>
        {
            Assert.That(AlertRules.Compare(Run("run-0001", Cluster("c-0001", 10, flagged: false)), current, [release], Now, (_, _) => use, confirming), Is.Empty);
            Assert.That(AlertRules.Compare(Run("run-0001", Cluster("c-0001", 10, flagged: true)), current, [release], Now, (_, _) => use, confirming,
                Run("run-0000", Cluster("c-0001", 10, flagged: true))).Select(f => f.Kind), Is.EqualTo(new[] { AlertKind.ReleasePivot }));
        });
    }

    [Test]
    public void ShouldRaiseNewClusterForAClusterFlaggedForTheFirstTime()
    {
        var current = Run("run-0002", Cluster("c-0001", 8, flagged: true, op: "op-a"));
        var found = Compare(Run("run-0001", Cluster("c-0001", 8, flagged: false)), current);
        Assert.That(found.Select(f => f.Kind), Is.EqualTo(new[] { AlertKind.NewCluster }));
        Assert.That(found[0].Evidence, Does.Contain(new AlertFact("previously", "unflagged")));
        Assert.That(found[0].Evidence, Does.Contain(new AlertFact("operator", "op-a")));
    }

    [Test]
    public void ShouldNotCallAFragmentOfAnAlreadyFlaggedClusterNew()
    {
        var previous = Run("run-0001", Cluster("c-0001", 10, flagged: true));
        var fragment = Cluster("c-0002", 3, flagged: true) with { Members = ["c-0001-m000", "c-0001-m001", "x"] };
        var mostlyNew = Cluster("c-0003", 3, flagged: true) with { Members = ["c-0001-m002", "y", "z"] };
        var found = Compare(previous, Run("run-0002", Cluster("c-0001", 7, flagged: true), fragment, mostlyNew));
        Assert.That(found.Select(f => (f.Cluster.Id, f.Kind)), Is.EqualTo(new[] { ("c-0003", AlertKind.NewCluster) }));
    }

    [Test]
    public void ShouldRaiseNothingForUnflaggedClustersOrAnUnchangedFlaggedOne()
    {
        var previous = Run("run-0001", Cluster("c-0001", 8, flagged: true, op: "op-a"), Cluster("c-0002", 40, flagged: false));
        var current = Run("run-0002", Cluster("c-0001", 9, flagged: true, op: "op-a"), Cluster("c-0002", 90, flagged: false), Cluster("c-0003", 30, flagged: false));
        Assert.That(Compare(previous, current), Is.Empty);
    }

    [Test]
    public void ShouldRaiseGrownAtTheShareAndNotBelowIt()
    {
        var previous = Run("run-0001", Cluster("c-0001", 20, flagged: true));
        Assert.Multiple(() =>
        {
            Assert.That(Compare(previous, Run("run-0002", Cluster("c-0001", 25, flagged: true))).Select(f => f.Kind), Is.EqualTo(new[] { AlertKind.Grown }));
            Assert.That(Compare(previous, Run("run-0002", Cluster("c-0001", 24, flagged: true))), Is.Empty, "+20 % is below the 25 % share");
            Assert.That(Compare(previous, Run("run-0002", Cluster("c-0001", 24, flagged: true)), Options with { GrowthShare = 0.2 }).Select(f => f.Kind),
                Is.EqualTo(new[] { AlertKind.Grown }), "the share is a parameter");
            Assert.That(Compare(Run("run-0001", Cluster("c-0001", 4, flagged: true)), Run("run-0002", Cluster("c-0001", 6, flagged: true))), Is.Empty,
                "+2 accounts is below the minimum growth");
        });
    }

    [Test]
    public void ShouldRaiseAbsorbedWhenAFlaggedClusterTookInAnotherFlaggedOne()
    {
        var previous = Run("run-0001", Cluster("c-0001", 10, flagged: true), Cluster("c-0002", 6, flagged: true), Cluster("c-0003", 6, flagged: false),
            Cluster("c-0004", 2, flagged: true));
        var merged = Cluster("c-0001", 24, flagged: true) with { Lineage = ClusterLineage.Merged, LineageParents = ["c-0001", "c-0002", "c-0003", "c-0004"] };
        var found = Compare(previous, Run("run-0002", merged));
        var absorbed = found.Single(f => f.Kind == AlertKind.Absorbed);
        Assert.That(absorbed.Evidence, Does.Contain(new AlertFact("absorbed", "c-0002(6)")), "the unflagged c-0003 is growth and the 2-account c-0004 a fragment, not news");
        Assert.That(found.Select(f => f.Kind), Does.Contain(AlertKind.Grown));
    }

    [Test]
    public void ShouldRaiseAttributionAppearedAndChanged()
    {
        var previous = Run("run-0001", Cluster("c-0001", 10, flagged: true), Cluster("c-0002", 10, flagged: true, op: "op-a"));
        var current = Run("run-0002", Cluster("c-0001", 10, flagged: true, op: "op-b"), Cluster("c-0002", 10, flagged: true, op: "op-c"));
        var found = Compare(previous, current);
        Assert.That(found.Select(f => (f.Cluster.Id, f.Kind)), Is.EqualTo(new[] { ("c-0001", AlertKind.AttributionAppeared), ("c-0002", AlertKind.AttributionChanged) }));
        Assert.That(found[1].Evidence, Does.Contain(new AlertFact("previous operator", "op-a")));
    }

    [Test]
    public void ShouldSayWhenAnAppearedAttributionCameThroughSharedInfrastructure()
    {
        var previous = Run("run-0001", Cluster("c-0001", 10, flagged: true));
        var crew = Cluster("c-0001", 10, flagged: true, op: "op-b");
        var tie = new InfrastructureTie("c-0007", "acct-7", 9, 120, ["ip:203.0.113.7"]);
        var current = Run("run-0002", crew with { Operator = crew.Operator! with { Indicators = [], Through = tie } });
        var found = Compare(previous, current);
        Assert.That(found.Select(f => f.Kind), Is.EqualTo(new[] { AlertKind.AttributionAppeared }));
        Assert.That(found[0].Evidence, Does.Contain(new AlertFact("through infrastructure", "9 members on 120 shared elements of c-0007: ip:203.0.113.7")));
        Assert.That(found[0].Evidence.Select(f => f.Name), Does.Not.Contain("indicators"));
    }

    [Test]
    public void ShouldRaiseAPivotOnlyWithinTheWindowOfARecentRelease()
    {
        var release = new ReleaseRecord("nova-9", Now.AddHours(-30));
        var run = Run("run-0002", Cluster("c-0001", 10, flagged: true));
        var previous = Run("run-0001", Cluster("c-0001", 10, flagged: true));
        IReadOnlyList<AlertCandidate> With(PivotUse? use, ReleaseRecord r) =>
            AlertRules.Compare(previous, run, [r], Now, (_, _) => use, Options);
        Assert.Multiple(() =>
        {
            var pivot = With(new PivotUse(release.ReleasedAt.AddHours(5), 6), release).Single();
            Assert.That((pivot.Kind, pivot.Subject), Is.EqualTo((AlertKind.ReleasePivot, "nova-9")));
            Assert.That(pivot.Evidence, Does.Contain(new AlertFact("delay hours", "5.0")));
            Assert.That(With(new PivotUse(release.ReleasedAt.AddHours(25), 6), release), Is.Empty, "25 h after the release is no pivot");
            Assert.That(With(new PivotUse(release.ReleasedAt.AddHours(5), 1), release), Is.Empty, "one account is no pivot");
            Assert.That(With(null, release), Is.Empty, "never used");
            Assert.That(With(new PivotUse(Now.AddDays(-9), 6), new ReleaseRecord("nova-8", Now.AddDays(-10))), Is.Empty, "a release older than the look-back");
            Assert.That(With(new PivotUse(Now.AddHours(2), 6), new ReleaseRecord("nova-10", Now.AddHours(1))), Is.Empty, "a release after the data's time");
        });
    }

    private static IReadOnlyList<AlertCandidate> Compare(DetectionRun? previous, DetectionRun current, AlertOptions? options = null) =>
        AlertRules.Compare(previous, current, [], Now, (_, _) => null, options ?? Options);

    internal static DetectionRun Run(string id, params DetectedCluster[] clusters)
    {
        var p = new DetectionParameters();
        return new DetectionRun
        {
            RunId = id,
            CreatedAt = Now,
            Parameters = p,
            ParametersHash = p.ComputeHash(),
            InputHash = "x",
            CodeVersion = "t",
            MembershipHash = "m",
            KnownOperators = [],
            NextClusterNumber = 100,
            Clusters = clusters,
        };
    }

    internal static DetectedCluster Cluster(string id, int size, bool flagged, string? op = null) => new()
    {
        Id = id,
        Members = Enumerable.Range(0, size).Select(i => $"{id}-m{i:D3}").ToArray(),
        RiskScore = flagged ? 0.9 : 0.1,
        Flagged = flagged,
        Features = new ClusterFeatures(),
        Operator = op is null ? null : new OperatorAttribution(op, null, 0.8, 2, []),
    };
}
