using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

public sealed class ClusterDetectorTests
{
    private static SnapshotBuilder Population() => new SnapshotBuilder()
        .Campaign("camp", accounts: 20, seed: 11)
        .IndependentUsers("background", 150, seed: 12)
        .IndependentUsers("campus", 120, seed: 13, sharedIp: "10.1.1.1", pathway: AccessPathway.Education)
        .IndependentUsers("vpn", 60, seed: 14, sharedIp: "185.0.0.9", ipType: IpType.Vpn)
        .OfficeTeam("office")
        .Family("family")
        .Hackathon("hack")
        .CronJobs("cron")
        .ResearchLab("lab");

    [Test]
    public void ShouldFlagTheCampaignAsOneCluster()
    {
        var outcome = Detect.Run(Population().Build());
        var campaign = outcome.ClusterOf("camp-0");
        Assert.That(campaign, Is.Not.Null);
        Assert.That(campaign!.Flagged, Is.True, () => $"risk {campaign.RiskScore}, {campaign.Features}");
        Assert.That(campaign.Members, Is.EquivalentTo(Enumerable.Range(0, 20).Select(i => $"camp-{i}")));
    }

    [TestCase("background-0")]
    [TestCase("campus-0")]
    [TestCase("vpn-0")]
    [TestCase("office-0")]
    [TestCase("family-0")]
    [TestCase("hack-0")]
    [TestCase("cron-0")]
    [TestCase("lab-0")]
    public void ShouldNotFlagALegitimateLookAlike(string account)
    {
        var outcome = Detect.Run(Population().Build());
        var cluster = outcome.ClusterOf(account);
        Assert.That(cluster?.Flagged ?? false, Is.False, () => $"risk {cluster!.RiskScore}, {cluster.Features}");
    }

    [Test]
    public void ShouldNeverFlagALegitimateAccount()
    {
        var outcome = Detect.Run(Population().Build());
        var flaggedMembers = outcome.Clusters.Where(c => c.Flagged).SelectMany(c => c.Members).ToList();
        Assert.That(flaggedMembers, Is.Not.Empty);
        Assert.That(flaggedMembers.Where(m => !m.StartsWith("camp-", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void ShouldNotGlueHomeUsersOnACampaignsProxyExitIntoItsCluster()
    {
        var builder = new SnapshotBuilder().Campaign("camp", accounts: 20, seed: 21);
        for (var i = 0; i < 3; i++)
        {
            builder.Session($"home-{i}", "198.51.21.3", type: IpType.Proxy);
            for (var r = 0; r < 20; r++)
            {
                builder.Request($"home-{i}", SnapshotBuilder.T0.AddHours((r * 7) + i), prompt: $"home-{i}-{r}", ip: "198.51.21.3");
            }
        }

        var outcome = Detect.Run(builder.Build());
        Assert.That(outcome.ClusterOf("home-0"), Is.Null);
        Assert.That(outcome.ClusterOf("camp-0")!.Flagged, Is.True);
    }

    [Test]
    public void ShouldGiveEveryMemberOfAFlaggedClusterAnEvidenceChainToTheRoot()
    {
        var outcome = Detect.Run(Population().Build());
        var campaign = outcome.ClusterOf("camp-0")!;
        var tree = campaign.Evidence!;
        Assert.That(tree.Steps.Select(s => s.Member), Is.EquivalentTo(campaign.Members));
        foreach (var member in campaign.Members)
        {
            var chain = tree.ChainFor(member);
            Assert.That(chain[^1].Member, Is.EqualTo(tree.Root), member);
            Assert.That(chain.Take(chain.Count - 1).All(s => s.Links.Count > 0), Is.True, member);
        }

        var links = tree.Steps.SelectMany(s => s.Links).ToList();
        Assert.That(links.All(l => l.Records.Count > 0 && l.Weight > 0), Is.True);
        Assert.That(links.Select(l => l.Rule), Does.Contain("lockstep"));
        Assert.That(links.Where(l => l.Rule == "lockstep").SelectMany(l => l.Records).All(r => r.RequestRowId is not null && r.FirstSeen is not null), Is.True);
    }

    [Test]
    public void ShouldListAWidelySharedIpAsCounterEvidence()
    {
        var builder = new SnapshotBuilder().Campaign("camp", accounts: 20, seed: 31);
        for (var i = 0; i < 40; i++)
        {
            builder.Session($"camp-{i % 20}", "10.9.9.9", type: IpType.Vpn);
            builder.Session($"other-{i}", "10.9.9.9", type: IpType.Vpn);
        }

        var campaign = Detect.Run(builder.Build()).ClusterOf("camp-0")!;
        var counter = campaign.CounterEvidence.Single(c => c.Subject == "10.9.9.9");
        Assert.That(counter.Kind, Is.EqualTo("ip_shared_outside"));
        Assert.That(counter.Count, Is.EqualTo(40));
    }

    [Test]
    public void ShouldReproduceTheSameMembershipHashOnTheSameSnapshot()
    {
        var first = Detect.Run(Population().Build());
        var second = Detect.Run(Population().Build());
        Assert.That(MembershipHash.Compute(second.Clusters), Is.EqualTo(MembershipHash.Compute(first.Clusters)));
        var other = Detect.Run(new SnapshotBuilder().Campaign("camp", accounts: 19, seed: 11).Build());
        Assert.That(MembershipHash.Compute(other.Clusters), Is.Not.EqualTo(MembershipHash.Compute(first.Clusters)));
    }

    [Test]
    public void ShouldNotPutTwoIndependentJobsOnTheSameTwentyMinuteGridInLockstep()
    {
        // Two heavy automations, each firing every 20 minutes around the clock for 10 days, at the same offset
        // by chance (07:xx and 11:xx seconds past the minute): they meet in every bucket, at 3 minutes of the hour.
        const long every = 20 * 60_000L;
        var start = SnapshotBuilder.T0.ToUnixTimeMilliseconds() + (5 * 60_000);
        var ts = new List<long>();
        foreach (var offset in new[] { 7_000L, 11_000L })
        {
            for (var k = 0; k < 10 * 72; k++)
            {
                ts.Add(start + offset + (k * every));
            }
        }

        int[] offsets = [0, 720, 1440];
        var options = EvidenceViews.LockstepOptionsOf(new DetectionParameters());
        var guarded = Graph.Lockstep.LockstepDetector.Detect(offsets, [.. ts], options);
        var unguarded = Graph.Lockstep.LockstepDetector.Detect(offsets, [.. ts], EvidenceViews.LockstepOptionsOf(new DetectionParameters { LockstepMaxGridShare = 1 }));
        Assert.That(unguarded.Count, Is.EqualTo(1), "without the clock-grid guard the grid looks like lockstep");
        Assert.That(guarded.Count, Is.Zero);
    }

    [Test]
    public void ShouldGiveTheSameMembershipOnOneOrManyThreads()
    {
        var snapshot = Population().Build();
        var lockstepSingle = EvidenceViews.LockstepOptionsOf(new DetectionParameters());
        var single = Graph.Lockstep.LockstepDetector.Detect(snapshot.RequestOffsets, snapshot.RequestTsMs,
            new Graph.Lockstep.LockstepOptions { MaxDegreeOfParallelism = 1, Seed = lockstepSingle.Seed });
        var many = Graph.Lockstep.LockstepDetector.Detect(snapshot.RequestOffsets, snapshot.RequestTsMs,
            new Graph.Lockstep.LockstepOptions { MaxDegreeOfParallelism = 4, Seed = lockstepSingle.Seed });
        Assert.That(many.A, Is.EqualTo(single.A));
        Assert.That(many.B, Is.EqualTo(single.B));
        Assert.That(many.Jaccard, Is.EqualTo(single.Jaccard));
    }

    [Test]
    public void ShouldChangeTheParametersHashWhenAParameterChanges()
    {
        var p = new DetectionParameters();
        Assert.That(new DetectionParameters().ComputeHash(), Is.EqualTo(p.ComputeHash()));
        Assert.That((p with { MinEdgeWeight = 0.6 }).ComputeHash(), Is.Not.EqualTo(p.ComputeHash()));
        Assert.That(DetectionParameters.FromJson(p.ToJson()).ComputeHash(), Is.EqualTo(p.ComputeHash()));
    }

    [Test]
    public void ShouldScoreAReleasePivotAgainstThePopulationsAdoption()
    {
        var release = SnapshotBuilder.T0.AddDays(4);
        var snapshot = new SnapshotBuilder()
            .Release("m-new", release)
            .PivotOperator("pivot", "m-new", release)
            .SlowAdopters("slow", "m-new", release)
            .Family("family")
            .Build();
        var outcome = Detect.Run(snapshot);
        var pivot = outcome.ClusterOf("pivot-0")!;
        Assert.That(pivot.Features.ReleasePivot, Is.GreaterThan(0.9));
        Assert.That(pivot.Features.Synchrony, Is.Zero);
        Assert.That(outcome.ClusterOf("family-0")!.Features.ReleasePivot, Is.Zero);
    }

    [Test]
    public void ShouldFlagAPivotOperatorWithoutLockstepButNotWithoutThePivot()
    {
        var release = SnapshotBuilder.T0.AddDays(4);
        var builder = new SnapshotBuilder().Release("m-new", release).PivotOperator("pivot", "m-new", release, accounts: 12).SlowAdopters("slow", "m-new", release);
        var flagged = Detect.Run(builder.Build()).ClusterOf("pivot-0")!;
        Assert.That(flagged.Flagged, Is.True, () => $"risk {flagged.RiskScore}, {flagged.Features}");

        var noRelease = new SnapshotBuilder().PivotOperator("pivot", "m-new", release, accounts: 12).SlowAdopters("slow", "m-new", release);
        var cluster = Detect.Run(noRelease.Build()).ClusterOf("pivot-0")!;
        Assert.That(cluster.Features.ReleasePivot, Is.Zero);
        Assert.That(cluster.Flagged, Is.False, () => $"risk {cluster.RiskScore}, {cluster.Features}");
    }

    [Test]
    public void ShouldNotReadAFastMoveToANewModelAsAPivotWhenNothingIsHarvestedThere()
    {
        // The same accounts, cards and timing as the pivot operator, trying the new model for chat: enthusiasts (a family,
        // a few friends on one card) move as fast as a distiller, but a distiller moves to harvest.
        var release = SnapshotBuilder.T0.AddDays(4);
        SnapshotBuilder Builder() => new SnapshotBuilder().Release("m-new", release)
            .PivotOperator("pivot", "m-new", release, accounts: 12, capabilities: ["chat"])
            .SlowAdopters("slow", "m-new", release)
            .HomeBackground("bg", accounts: 300);

        var chat = Detect.Run(Builder().Build()).ClusterOf("pivot-0")!;
        Assert.That(chat.Features.ReleasePivot, Is.Zero, () => chat.Features.ToString());
        Assert.That(chat.Flagged, Is.False, () => $"risk {chat.RiskScore}, {chat.Features}");

        var speedOnly = Detect.Run(Builder().Build(), new DetectionParameters { ReleasePivotNeedsHarvest = false }).ClusterOf("pivot-0")!;
        Assert.That(speedOnly.Features.ReleasePivot, Is.GreaterThan(0.9), "read on speed alone, the same move is a full pivot");
    }

    [Test]
    public void ShouldFindNothingInAnEmptySnapshotOrAmongAccountsWithoutTraffic()
    {
        Assert.That(Detect.Run(new SnapshotBuilder().Build()).Clusters, Is.Empty);
        var quiet = new SnapshotBuilder().Account("a").Account("b").Session("a", "192.0.2.1").Session("b", "192.0.2.2").Build();
        var outcome = Detect.Run(quiet);
        Assert.That(outcome.Clusters, Is.Empty);
        Assert.That(outcome.Stats.LockstepCandidates, Is.Zero);
    }

    [Test]
    public void ShouldRejectAClusteringStepThatLabelsTheWrongNumberOfAccounts()
    {
        var snapshot = new SnapshotBuilder().Payment("a", "card").Payment("b", "card").Build();
        Assert.That(() => ClusterDetector.Detect(snapshot, new DetectionParameters(), (_, _, _) => [0]), Throws.InvalidOperationException);
    }

    [Test]
    public void ShouldGiveTheSameClustersWhenTheyAreScoredAndExplainedOnSeveralThreads()
    {
        // Many clusters of different kinds (templates, addresses, hours and group synchrony all read through the scorer's
        // scratch arrays): a fork that shared any of them with another thread would miscount some cluster's features.
        var builder = Population().ExitPoolReseller("rs").HydraCrew("hydra");
        for (var i = 0; i < 6; i++)
        {
            builder.Campaign($"camp{i}x", accounts: 6 + i, seed: 30 + i).Family($"family{i}x", seed: 40 + i).OfficeTeam($"office{i}x", seed: 50 + i);
        }

        var snapshot = builder.Build();
        static DetectionOutcome Run(DetectionSnapshot s, int threads, bool overlap = false) => ClusterDetector.Detect(s, new DetectionParameters(),
            (graph, _, _) => Distill.Attribution.Graph.Community.ConnectedComponents.Compute(graph), new DetectionRunOptions { ScoringThreads = threads, OverlapPhases = overlap });
        // Everything a cluster carries, evidence chains and counter-evidence included (they are built on the same threads).
        static string[] Verdicts(DetectionOutcome o) => [.. o.Clusters.Select(c => System.Text.Json.JsonSerializer.Serialize(c))];

        var first = Run(snapshot, 1);
        var one = Verdicts(first);
        Assert.That(one, Has.Length.GreaterThanOrEqualTo(10));
        Assert.That(one.Count(v => v.Contains("\"Flagged\":true", StringComparison.Ordinal)), Is.InRange(2, one.Length - 1), "some clusters flagged, some not");
        Assert.That(one.Count(v => v.Contains("\"Steps\":[{", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2), "evidence chains built");
        Assert.That(first.Stats.LinksByRule.GetValueOrDefault(LinkRuleNames.Name(LinkRule.Lockstep)), Is.GreaterThan(0), "lockstep links");
        for (var round = 0; round < 6; round++)
        {
            // Half the rounds also run the lockstep view beside the account index (OverlapPhases).
            Assert.That(Verdicts(Run(snapshot, 4, overlap: round % 2 == 1)), Is.EqualTo(one), $"round {round}");
        }
    }

    [Test]
    public void ShouldScoreAndExplainEveryClusterTheSameWithForksAsWithWhatTheyCameFrom()
    {
        var snapshot = Population().ExitPoolReseller("rs").HydraCrew("hydra")
            .Indicator("op-camp", IndicatorKind.AccountId, "camp-0", confidence: 0.9)
            .Indicator("op-camp", IndicatorKind.AccountId, "camp-1", confidence: 0.9).Build();
        var p = new DetectionParameters();
        var index = AccountIndex.Build(snapshot, p);
        var (links, lockstep, coUse, elements, colocation) = EvidenceViews.BuildAll(index, p);
        var membership = Distill.Attribution.Graph.Community.ConnectedComponents.Compute(ClusterDetector.Project(links, snapshot.AccountCount, p.MinEdgeWeight));
        links.BuildIndex(snapshot.AccountCount);
        var scorer = new ClusterScorer(index, links, p);
        var matcher = new IndicatorMatcher(index, p);
        var evidence = new EvidenceBuilder(index, links, lockstep, p, coUse, elements, colocation);
        var (scorerFork, matcherFork, evidenceFork) = (scorer.Fork(), matcher.Fork(), evidence.Fork());
        var groups = ClusterDetector.Groups(membership);
        Assert.That(groups, Has.Count.GreaterThanOrEqualTo(5));
        var explained = 0;
        foreach (var members in groups)
        {
            var label = membership[members[0]];
            var own = scorer.Features(members, label, membership);
            var forked = scorerFork.Features(members, label, membership);
            Assert.That(forked.ToString(), Is.EqualTo(own.ToString()));
            Assert.That(scorerFork.Score(forked), Is.EqualTo(scorer.Score(own)));
            Assert.That(Json(evidenceFork.Counter(members, label, membership, own)), Is.EqualTo(Json(evidence.Counter(members, label, membership, own))));
            if (scorer.Score(own).Flagged)
            {
                var (attribution, hits) = matcher.Match(members, snapshot);
                var (forkAttribution, forkHits) = matcherFork.Match(members, snapshot);
                Assert.That(Json(forkAttribution), Is.EqualTo(Json(attribution)));
                Assert.That(Json(evidenceFork.Tree(members, label, membership, forkHits)), Is.EqualTo(Json(evidence.Tree(members, label, membership, hits))));
                explained += attribution is null ? 0 : 1;
            }
        }

        Assert.That(explained, Is.GreaterThanOrEqualTo(1), "a flagged cluster with an operator");
        static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);
    }
}
