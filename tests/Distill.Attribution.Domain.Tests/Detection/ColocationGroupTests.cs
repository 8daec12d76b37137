using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Graph.Community;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>
/// Group-level co-location (<see cref="ColocationView"/>): a reseller spread so thin over a pool of exits that no two of
/// its accounts share enough for any pair view is found as a group, without the home users whose one address is an
/// exit, and without regrouping what the other views formed; the innocent look-alike with the same shape (a VPN's users)
/// is grouped but not flagged.
/// </summary>
public sealed class ColocationGroupTests
{
    // 200 accounts on 6 of 300 exits each: two accounts share 6 × 6 / 300 = 0.12 exits on average, so no pair reaches
    // the co-use view's 3 distinct elements and no exit is rare enough for a shared-IP link (4 reseller accounts and a
    // home user on each); templates drawn from 20,000 are as good as private. 150 innocent home users live behind those
    // exits; 2,000 ordinary home users around them.
    private static SnapshotBuilder ThinReseller(bool randomTimes = false) => new SnapshotBuilder()
        .ExitPoolReseller("rs", accounts: 200, exitPool: 300, exitsEach: 6, randomTimes: randomTimes, templatePool: 20_000)
        .SpreadExitHomes("home", accounts: 150, exitPool: 300)
        .HomeBackground("bg");

    private static bool Of(string account, string prefix) => account.StartsWith(prefix + "-", StringComparison.Ordinal);

    [Test]
    public void ShouldFindAResellerSpreadThinOverAnExitPoolAsAGroupThatNoPairViewLinks()
    {
        // Independent times: no lockstep either. Pairs on one common exit get a shared-IP link too light for an edge.
        var snapshot = ThinReseller(randomTimes: true).Build();
        var p = new DetectionParameters();
        var all = EvidenceViews.BuildAll(AccountIndex.Build(snapshot, p), p);
        var graph = ClusterDetector.Project(all.Links, snapshot.AccountCount, p.MinEdgeWeight);
        var withEdge = Enumerable.Range(0, snapshot.AccountCount)
            .Count(a => Of(snapshot.AccountIds[a], "rs") && graph.Offsets[a + 1] > graph.Offsets[a]);
        Assert.That(withEdge, Is.LessThanOrEqualTo(10), "the pair views give (almost) no reseller account an edge");

        var grouped = Enumerable.Range(0, all.Colocation.Count)
            .Select(g => all.Colocation.MembersOf(g).ToArray().Select(a => snapshot.AccountIds[a]).ToList())
            .Where(members => members.Any(a => Of(a, "rs")))
            .ToList();
        Assert.That(grouped.Sum(members => members.Count(a => Of(a, "rs"))), Is.GreaterThanOrEqualTo(180), "≥ 90 % of the reseller is in a group");
        Assert.That(grouped.SelectMany(members => members).Where(a => !Of(a, "rs")), Is.Empty,
            "a home user whose one address is an exit is never tied to the exit's other users");
    }

    [Test]
    public void ShouldFlagTheThinResellerAsAGroupAndCiteTheExitsItFillsWithSourceRecords()
    {
        var outcome = Detect.Run(ThinReseller().Build());
        var flagged = outcome.Clusters.Where(c => c.Flagged).SelectMany(c => c.Members).ToList();
        // Pieces of fewer than ~10 accounts show too few co-active ticks for group synchrony, so some stay unflagged
        // (measured: 144 of 200; 77 without the view).
        var without = Detect.Run(ThinReseller().Build(), new DetectionParameters { ColocationEnabled = false })
            .Clusters.Where(c => c.Flagged).Sum(c => c.Members.Count(a => Of(a, "rs")));
        Assert.That(without, Is.LessThan(100), () => $"without the view only the crews in lockstep are found: {without}");
        Assert.That(flagged.Count(a => Of(a, "rs")), Is.GreaterThanOrEqualTo(130), () => flagged.Count(a => Of(a, "rs")) + " flagged\n" + string.Join("\n",
            outcome.Clusters.Where(c => c.Members.Any(a => Of(a, "rs"))).Select(c => $"{c.Members.Count} {c.Flagged} {c.RiskScore} {c.Features}")));
        Assert.That(flagged.Where(a => !Of(a, "rs")), Is.Empty);

        var cluster = outcome.Clusters.MaxBy(c => c.Members.Count(a => Of(a, "rs")))!;
        var links = cluster.Evidence!.Steps.SelectMany(step => step.Links).Where(l => l.Rule == "co_location").ToList();
        Assert.That(links, Is.Not.Empty);
        foreach (var link in links)
        {
            Assert.That(link.Summary, Does.Match("both in a group of \\d+ accounts that fill the same \\d+ shared addresses").And.Contain("would"));
            Assert.That(link.Records.Select(r => r.Account).Distinct(), Is.EquivalentTo(new[] { link.From, link.To }));
            Assert.That(link.Records, Has.All.Matches<ProvenanceRecord>(r => r is not null && r.Kind == "session" && r.Value != null && r.Value.StartsWith("100.6", StringComparison.Ordinal)));
        }
    }

    // Beside the search, the clusters the clustering formed get their first verdicts early (this thread alone, the others
    // joining when the search ends); with one scoring thread nobody joins.
    [TestCase(2)]
    [TestCase(1)]
    public void ShouldFindTheSameClustersWhenTheGroupsAreSearchedBesideTheClustering(int scoringThreads)
    {
        var snapshot = ThinReseller().Build();
        DetectionOutcome Run(bool overlap) => ClusterDetector.Detect(snapshot, new DetectionParameters(), (graph, _, _) => ConnectedComponents.Compute(graph),
            new DetectionRunOptions { OverlapPhases = overlap, ScoringThreads = scoringThreads });
        static string[] Clusters(DetectionOutcome o) => [.. o.Clusters.Select(c => System.Text.Json.JsonSerializer.Serialize(c))];

        var alone = Run(overlap: false);
        Assert.That(alone.Stats.LinksByRule.GetValueOrDefault("co_location"), Is.GreaterThan(0), "the groups join accounts to clusters");
        Assert.That(alone.Stats.PhaseSeconds.Keys, Does.Not.Contain("colocation (waited)"));
        for (var round = 0; round < 3; round++)
        {
            var beside = Run(overlap: true);
            Assert.That(beside.Stats.PhaseSeconds.Keys, Does.Contain("colocation (waited)"), "searched on another thread");
            Assert.That(Clusters(beside), Is.EqualTo(Clusters(alone)), $"round {round}");
            Assert.That(beside.Stats.LinksByRule, Is.EqualTo(alone.Stats.LinksByRule));
        }
    }

    [Test]
    public void ShouldGroupTheSameResellerAtIndependentTimesAndFlagItOnlyOnThePromptsNobodyElseRuns()
    {
        // Without common ticks (no group synchrony), with templates spread over 20,000 and an own card each, the exit pool is
        // all the accounts share but for a few prompts two of them happen to draw: shared infrastructure is not coordinated
        // behaviour on its own (a VPN's users share its exits too), so the group is clustered and scored, and without the
        // pool reading not flagged. Those few prompts nobody outside runs, each sent by two of its accounts and harvesting,
        // are a pool the group holds (TemplatePoolByMembers, D60): flagged on it, with nobody outside the reseller.
        var byRequests = Detect.Run(ThinReseller(randomTimes: true).Build(), new DetectionParameters { TemplatePoolByMembers = false });
        var groups = byRequests.Clusters.Where(c => c.Members.Any(a => Of(a, "rs"))).ToList();
        Assert.That(groups.Sum(c => c.Members.Count), Is.GreaterThanOrEqualTo(150));
        Assert.That(groups.SelectMany(c => c.Members).Where(a => !Of(a, "rs")), Is.Empty);
        Assert.That(groups.Where(c => c.Members.Count >= 10).Select(c => c.Features.Concealment), Has.All.GreaterThanOrEqualTo(0.9));
        Assert.That(byRequests.Clusters.Where(c => c.Flagged), Is.Empty);

        var outcome = Detect.Run(ThinReseller(randomTimes: true).Build());
        var flagged = outcome.Clusters.Where(c => c.Flagged).ToList();
        Assert.That(flagged.Select(c => c.Features.TemplatePool), Has.All.GreaterThan(0), () => string.Join("\n", flagged.Select(c => c.Features)));
        Assert.That(flagged.SelectMany(c => c.Members).Count(a => Of(a, "rs")), Is.GreaterThanOrEqualTo(100));
        Assert.That(flagged.SelectMany(c => c.Members).Where(a => !Of(a, "rs")), Is.Empty);
    }

    [Test]
    public void ShouldFlagAResellerAtIndependentTimesWhosePromptsAreSpreadThinOverAPoolNobodyElseRuns()
    {
        // The group above with its work spread over a pool of 150 prompts instead of 20,000: each account draws 12 of them,
        // so every prompt reaches some 16 accounts, a twelfth of the group (under TemplateSharedMemberShare), two accounts
        // share about one (under the co-use view's three), and nobody outside the reseller runs any. The group holds its
        // prompts far beyond its share of all prompt uses.
        SnapshotBuilder Reseller() => new SnapshotBuilder()
            .ExitPoolReseller("rs", accounts: 200, exitPool: 300, exitsEach: 6, randomTimes: true, templatePool: 150, templatesEach: 12)
            .SpreadExitHomes("home", accounts: 150, exitPool: 300)
            .HomeBackground("bg");

        var outcome = Detect.Run(Reseller().Build());
        var largest = outcome.Clusters.MaxBy(c => c.Members.Count(a => Of(a, "rs")))!;
        Assert.That(largest.Features.TemplateConcentration, Is.GreaterThanOrEqualTo(0.25), () => string.Join("\n",
            outcome.Clusters.Where(c => c.Members.Any(a => Of(a, "rs"))).Select(c => $"{c.Members.Count} {c.Flagged} {c.RiskScore} {c.Features}")));
        var flagged = outcome.Clusters.Where(c => c.Flagged).SelectMany(c => c.Members).ToList();
        Assert.That(flagged.Count(a => Of(a, "rs")), Is.GreaterThanOrEqualTo(150), () => string.Join("\n",
            outcome.Clusters.Where(c => c.Members.Any(a => Of(a, "rs"))).Select(c => $"{c.Members.Count} {c.Flagged} {c.RiskScore} {c.Features}")));
        Assert.That(flagged.Where(a => !Of(a, "rs")), Is.Empty);

        var perMemberShareOnly = Detect.Run(Reseller().Build(), new DetectionParameters { TemplateHeldMaxPValue = 0 });
        var unread = perMemberShareOnly.Clusters.MaxBy(c => c.Members.Count(a => Of(a, "rs")))!;
        Assert.That(unread.Features.TemplateConcentration, Is.LessThan(0.05), "no prompt reaches a quarter of the members");
        Assert.That(perMemberShareOnly.Clusters.Where(c => c.Flagged).Sum(c => c.Members.Count(a => Of(a, "rs"))), Is.LessThan(50));
    }

    [Test]
    public void ShouldNotCallAPublicPromptLibraryHeldWhenTheAccountsAroundTheGroupRunItToo()
    {
        // The same group on the same exits runs prompts of a public library of 400 that 2,000 ordinary users run as well
        // (half of their requests): the group's members meet each prompt's other users about as often as their share of
        // all prompt uses predicts, so no cluster holds any of them, and every cluster reads as without the held reading
        // (a pair the clustering cut off still shares library prompts the old way: a quarter of two members is one).
        var snapshot = new SnapshotBuilder()
            .ExitPoolReseller("rs", accounts: 200, exitPool: 300, exitsEach: 6, randomTimes: true, templatePool: 400, templatePrefix: "public-lib-")
            .SpreadExitHomes("home", accounts: 150, exitPool: 300)
            .PublicLibraryUsers("public-lib-", librarySize: 400, requestsEach: 30)
            .Build();
        var outcome = Detect.Run(snapshot);
        var group = outcome.Clusters.MaxBy(c => c.Members.Count(a => Of(a, "rs")))!;
        Assert.That(group.Members.Count(a => Of(a, "rs")), Is.GreaterThanOrEqualTo(100), "still one group on the same exits");
        Assert.That(group.Features.TemplateConcentration, Is.LessThan(0.05), () => group.Features.ToString());
        Assert.That(group.Flagged, Is.False, () => $"risk {group.RiskScore}, {group.Features}");
        static string[] Verdicts(DetectionOutcome o) => [.. o.Clusters.Select(c => $"{string.Join(",", c.Members)} {c.Flagged} {c.Features.TemplateConcentration}")];
        Assert.That(Verdicts(outcome), Is.EqualTo(Verdicts(Detect.Run(snapshot, new DetectionParameters { TemplateHeldMaxPValue = 0 }))),
            "the held reading changes no cluster");
    }

    [Test]
    public void ShouldFlagAResellerWhoseHarvestingHidesInResoldTrafficThroughThePromptsItsAccountsShare()
    {
        // Independent times (no synchrony of any kind), an own card each, and 60 % resold chat: the reseller's capability
        // concentration (0.4) sits below its neighbours' (home users behind the same exits harvest half the time). What it
        // cannot hide is that its accounts run the same 30 prompts, and those prompts harvest.
        SnapshotBuilder Reseller(string[]? work) => new SnapshotBuilder()
            .ExitPoolReseller("rs", accounts: 200, exitPool: 300, exitsEach: 6, randomTimes: true, templatePool: 30, resoldShare: 0.6,
                workCapabilities: work)
            .SpreadExitHomes("home", accounts: 150, exitPool: 300)
            .HomeBackground("bg");

        var outcome = Detect.Run(Reseller(work: null).Build());
        var reseller = outcome.Clusters.Where(c => c.Members.Any(a => Of(a, "rs"))).ToList();
        var largest = reseller.MaxBy(c => c.Members.Count)!;
        Assert.That(largest.Features.CapabilityConcentration, Is.LessThan(0.45), () => largest.Features.ToString());
        Assert.That(largest.Features.SharedTemplateHarvest, Is.GreaterThan(0.95), () => largest.Features.ToString());
        var flagged = outcome.Clusters.Where(c => c.Flagged).SelectMany(c => c.Members).ToList();
        Assert.That(flagged.Count(a => Of(a, "rs")), Is.GreaterThanOrEqualTo(150), () => string.Join("\n",
            reseller.Select(c => $"{c.Members.Count} {c.Flagged} {c.RiskScore} {c.Features}")));
        Assert.That(flagged.Where(a => !Of(a, "rs")), Is.Empty);
        var capabilityOnly = Detect.Run(Reseller(work: null).Build(), new DetectionParameters { SharedTemplateHarvestCounts = false })
            .Clusters.Where(c => c.Flagged).Sum(c => c.Members.Count(a => Of(a, "rs")));
        Assert.That(capabilityOnly, Is.LessThan(flagged.Count(a => Of(a, "rs")) - 20), "read on capability concentration alone, fewer are flagged");

        // The same accounts, exits and shared prompts doing ordinary work (an app's customers behind a proxy pool): grouped,
        // scored at the ordinary share, not flagged.
        var ordinary = Detect.Run(Reseller(work: ["chat", "coding"]).Build());
        var group = ordinary.Clusters.MaxBy(c => c.Members.Count(a => Of(a, "rs")))!;
        Assert.That(group.Members.Count(a => Of(a, "rs")), Is.GreaterThanOrEqualTo(100), "still one group on the same exits");
        Assert.That(group.Features.SharedTemplateHarvest, Is.Zero);
        Assert.That(ordinary.Clusters.Where(c => c.Flagged), Is.Empty, () => $"risk {group.RiskScore}, {group.Features}");
    }

    [Test]
    public void ShouldGroupVpnUsersRotatingOverOneProvidersExitsWithoutFlaggingThem()
    {
        var outcome = Detect.Run(new SnapshotBuilder().VpnUsers("vpn", accounts: 80, exits: 12, exitsEach: 4).HomeBackground("bg").Build());
        var vpn = outcome.Clusters.Where(c => c.Members.Any(a => Of(a, "vpn"))).ToList();
        Assert.That(vpn.Sum(c => c.Members.Count(a => Of(a, "vpn"))), Is.GreaterThanOrEqualTo(60), "the provider's users fill its exits: a group");
        Assert.That(vpn.SelectMany(c => c.Members).Where(a => !Of(a, "vpn")), Is.Empty);
        Assert.That(vpn.Where(c => c.Flagged), Is.Empty, () => string.Join("; ", vpn.Select(c => $"{c.RiskScore} {c.Features}")));
    }

    [Test]
    public void ShouldNotReadAGatewaysUsersWhoJoinedOverTimeAndWorkOnWeekdaysAsSynchronous()
    {
        // 300 customers of an API gateway behind its 3 egress addresses: each joined on one of the first 20 days of a
        // 60-day period and stayed, works on weekdays in its own time zone, and uses the gateway's one template at
        // independent times. As a group they fill the gateway's addresses (one cluster), and they are co-active more
        // on late weekdays than shifted copies of themselves would be if the null ignored when each joined and which
        // days are weekdays; with each member's days shuffled only within its own span and weekday, no excess remains.
        var builder = new SnapshotBuilder().HomeBackground("bg");
        var random = new Random(91);
        for (var i = 0; i < 300; i++)
        {
            var account = $"gw-{i}";
            builder.Account(account, AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays(-random.Next(30, 400)), emailDomain: $"gw-user{i}.example");
            builder.Payment(account, $"card-gw-{i}");
            var egress = new[] { "54.201.7.10", "54.201.7.11", "54.201.7.12" };
            foreach (var ip in egress)
            {
                builder.Session(account, ip, count: 20, type: IpType.Datacenter, asn: 16509);
            }

            var joined = random.Next(20);
            var zone = random.Next(-8, 10);
            for (var day = joined; day < 60; day++)
            {
                var date = SnapshotBuilder.T0.AddDays(day);
                if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || random.Next(3) == 0)
                {
                    continue;
                }

                for (var r = random.Next(1, 5); r > 0; r--)
                {
                    var at = date.AddHours(9 - zone + random.Next(8)).AddSeconds(random.Next(3600));
                    builder.Request(account, at, capability: random.Next(2) == 0 ? "tool_use" : "chat",
                        prompt: random.Next(10) < 7 ? "gateway-template" : $"gw-own-{i}-{random.Next(5)}", ip: egress[random.Next(3)], client: "gatewayhub/3.2");
                }
            }
        }

        var outcome = Detect.Run(builder.Build());
        Assert.That(outcome.Clusters, Is.Not.Empty, () => $"links {string.Join(", ", outcome.Stats.LinksByRule.Select(kv => $"{kv.Key} {kv.Value}"))}");
        var gateway = outcome.Clusters.MaxBy(c => c.Members.Count(a => Of(a, "gw")))!;
        Assert.That(gateway.Members.Count(a => Of(a, "gw")), Is.GreaterThanOrEqualTo(270), "the gateway's users fill its addresses: one group");
        Assert.That(gateway.Features.GroupSynchrony, Is.Zero, () => gateway.Features.ToString());
        Assert.That(outcome.Clusters.Where(c => c.Flagged), Is.Empty, () => $"risk {gateway.RiskScore}, {gateway.Features}");
    }

    [Test]
    public void ShouldNotReadLearnersWhoFollowOneWeeklyDeadlineAsSynchronousButDidWhenTheNullsMovedMembersByDays()
    {
        // 240 learners of an online course that runs eight weeks (Monday to a Sunday 23:59 UTC deadline), all running its
        // notebooks on a hosted-notebook service's three egress addresses. Each stays one or two weeks, works in its own
        // evening hours and more as the deadline nears. Nobody coordinates: the calendar aligns them. Moving a short-lived
        // member by whole days puts its Sunday rush on a Wednesday, so the old nulls read the calendar as synchrony.
        var outcome = Detect.Run(Course().Build());
        var course = outcome.Clusters.MaxBy(c => c.Members.Count(a => Of(a, "mooc")))!;
        Assert.That(course.Members.Count(a => Of(a, "mooc")), Is.GreaterThanOrEqualTo(216), "the learners fill the service's addresses: one group");
        Assert.That(course.Features.GroupSynchrony, Is.Zero, () => course.Features.ToString());
        Assert.That(outcome.Clusters.Where(c => c.Flagged), Is.Empty, () => $"risk {course.RiskScore}, {course.Features}");

        var byDays = Detect.Run(Course().Build(), new DetectionParameters { GroupSyncWholeWeeks = false });
        var before = byDays.Clusters.MaxBy(c => c.Members.Count(a => Of(a, "mooc")))!;
        Assert.That(before.Features.GroupSynchrony, Is.GreaterThan(0), () => before.Features.ToString());
    }

    [Test]
    public void ShouldStillSeeALoadBalancerActiveForTenDaysAsSynchronousWhenItsMembersMoveByWholeWeeks()
    {
        // The control: beside the course (eight weeks of data), a random-subset load balancer that runs for ten days from
        // day 24. Its members are too short-lived to be shuffled within their span, so they move as blocks by whole weeks;
        // its ticks are aligned within the day, which no move by weeks keeps.
        var builder = Course().ExitPoolReseller("rs", days: 10, startDay: 24);
        var outcome = Detect.Run(builder.Build());
        var reseller = outcome.ClusterOf("rs-0")!;
        Assert.That(reseller.Members.Count(a => Of(a, "rs")), Is.GreaterThanOrEqualTo(36));
        Assert.That(reseller.Features.GroupSynchrony, Is.GreaterThanOrEqualTo(0.5), () => reseller.Features.ToString());
        Assert.That(reseller.Flagged, Is.True, () => $"risk {reseller.RiskScore}, {reseller.Features}");
        Assert.That(outcome.Clusters.Where(c => c.Flagged).SelectMany(c => c.Members).Where(a => !Of(a, "rs")), Is.Empty);
    }

    [Test]
    public void ShouldReadTheSameGroupSynchronyWhenItsTwoNullsRunSideBySide()
    {
        // Moves by days: the course then reads as synchronous too, so both groups have a non-zero reading to compare.
        var snapshot = Course().ExitPoolReseller("rs", days: 10, startDay: 24).Build();
        var p = new DetectionParameters { GroupSyncWholeWeeks = false };
        var index = AccountIndex.Build(snapshot, p);
        var membership = new int[snapshot.AccountCount];
        var links = new LinkSet();
        links.BuildIndex(snapshot.AccountCount);
        foreach (var prefix in new[] { "mooc-", "rs-" })
        {
            var members = Enumerable.Range(0, snapshot.AccountCount).Where(a => snapshot.AccountIds[a].StartsWith(prefix, StringComparison.Ordinal)).ToArray();
            var oneAfterTheOther = new ClusterScorer(index, links, p) { ParallelNullsAboveWork = long.MaxValue }.Features(members, 0, membership);
            var sideBySide = new ClusterScorer(index, links, p) { ParallelNullsAboveWork = 0 }.Features(members, 0, membership);

            Assert.That(oneAfterTheOther.GroupSynchrony, Is.GreaterThan(0), prefix);
            Assert.That(sideBySide.GroupSynchrony, Is.EqualTo(oneAfterTheOther.GroupSynchrony), prefix);
            Assert.That(sideBySide.ToString(), Is.EqualTo(oneAfterTheOther.ToString()), prefix);
        }
    }

    private static SnapshotBuilder Course()
    {
        var builder = new SnapshotBuilder().HomeBackground("bg");
        var random = new Random(92);
        var egress = new[] { "35.186.20.4", "35.186.20.5", "35.186.20.6" };
        for (var i = 0; i < 240; i++)
        {
            var account = $"mooc-{i}";
            var week = random.Next(8);
            builder.Account(account, AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays((7 * week) - random.Next(1, 5)), emailDomain: $"learner{i}.example");
            foreach (var ip in egress)
            {
                builder.Session(account, ip, count: 10, type: IpType.Datacenter, asn: 396982);
            }

            var evening = 18 - random.Next(-8, 10);
            for (var w = week; w < Math.Min(8, week + 1 + random.Next(2)); w++)
            {
                for (var sessions = random.Next(3, 9); sessions > 0; sessions--)
                {
                    // Later in the week is likelier: day 6 (Sunday) most of all.
                    var day = (7 * w) + Math.Max(random.Next(7), random.Next(7));
                    var at = SnapshotBuilder.T0.AddDays(day).AddHours(evening + random.Next(4)).AddMinutes(random.Next(60));
                    for (var r = random.Next(2, 7); r > 0; r--)
                    {
                        at = at.AddMinutes(random.Next(2, 9));
                        builder.Request(account, at, capability: random.Next(3) == 0 ? "chat" : "reasoning_cot",
                            prompt: random.Next(10) < 6 ? $"course-week-{w}" : $"mooc-own-{i}-{random.Next(5)}", ip: egress[random.Next(3)],
                            client: "notebook-runtime/7.2");
                    }
                }
            }
        }

        return builder;
    }

    [Test]
    public void ShouldOnlyAdoptAccountsTheClusteringLeftAloneAndNeverRegroupItsClusters()
    {
        var snapshot = ThinReseller().Build();
        var p = new DetectionParameters();
        var index = AccountIndex.Build(snapshot, p);
        var all = EvidenceViews.BuildAll(index, p);
        var members = all.Colocation.MembersOf(0).ToArray();
        Assert.That(members, Has.Length.GreaterThanOrEqualTo(6));

        // Everyone alone except the group's first three members, which the clustering put together in label 0.
        var membership = Enumerable.Range(1, snapshot.AccountCount).ToArray();
        foreach (var a in members.Take(3))
        {
            membership[a] = 0;
        }

        var before = all.Links.Count;
        var adopted = ColocationView.Adopt(all.Colocation, index, membership, p, all.Links);
        Assert.That(members.Take(3).Select(a => adopted[a]), Has.All.EqualTo(0), "a formed cluster is left as it is");
        // The rest of the group joins one new cluster, except members the peeling drops without the first three: they
        // stay alone.
        var joined = members.Skip(3).Where(a => adopted[a] != membership[a]).ToList();
        Assert.That(joined, Has.Count.GreaterThanOrEqualTo((members.Length - 3) / 2));
        var label = adopted[joined[0]];
        Assert.That(joined.Select(a => adopted[a]), Has.All.EqualTo(label));
        Assert.That(membership, Does.Not.Contain(label), "a new label");
        var added = Enumerable.Range(before, all.Links.Count - before).ToList();
        Assert.That(added, Is.Not.Empty);
        Assert.That(added.All(i => all.Links.Rule[i] == LinkRule.Colocation && adopted[all.Links.A[i]] == adopted[all.Links.B[i]]));
        var ours = added.Where(i => adopted[all.Links.A[i]] == label).ToList();
        Assert.That(ours, Is.Not.Empty);
        Assert.That(ours, Has.Count.LessThanOrEqualTo(members.Length * p.LargeGroupWindow), "a window of links per member, not all pairs");
    }

    [Test]
    public void ShouldLetAnUnflaggedCrewInsideAFlaggedGroupJoinItButNeverAnOpenOneNorAnyWhenTheGroupIsNotFlagged()
    {
        var snapshot = ThinReseller().Build();
        var p = new DetectionParameters();
        var index = AccountIndex.Build(snapshot, p);
        var all = EvidenceViews.BuildAll(index, p);
        var members = all.Colocation.MembersOf(0).ToArray();
        Assert.That(members, Has.Length.GreaterThanOrEqualTo(12));

        // The clustering formed two crews inside the group (labels 0 and 1, three members each), a third one with only one
        // of its three members inside (label 2), a pair with one of its two inside (label 3); everyone else was alone and is
        // adopted into the group's new cluster.
        var membership = Enumerable.Range(10, snapshot.AccountCount).ToArray();
        var outside = Enumerable.Range(0, snapshot.AccountCount).Where(a => !members.Contains(a)).Take(3).ToArray();
        foreach (var (a, label) in members.Take(3).Select(a => (a, 0)).Concat(members.Skip(3).Take(3).Select(a => (a, 1)))
            .Concat(new[] { (members[6], 2), (outside[0], 2), (outside[1], 2), (members[7], 3), (outside[2], 3) }))
        {
            membership[a] = label;
        }

        var adopted = ColocationView.Adopt(all.Colocation, index, membership, p, all.Links, out var groupLabels);
        var target = groupLabels[0];
        Assert.That(target, Is.GreaterThanOrEqualTo(0));
        (int[] Membership, HashSet<int> Changed) Run(bool targetFlagged, bool crewOpen, bool absorb = true, double share = 0.5) =>
            ColocationView.Absorb(all.Colocation, index, adopted,
                new Dictionary<int, (bool, bool)> { [0] = (false, crewOpen), [1] = (true, false), [2] = (false, false), [3] = (false, crewOpen), [target] = (targetFlagged, false) },
                groupLabels, p with { ColocationAbsorbUnflagged = absorb, ColocationAbsorbMinInsideShare = share }, all.Links);

        var (joined, changed) = Run(targetFlagged: true, crewOpen: false);
        Assert.That(members.Take(3).Select(a => joined[a]), Has.All.EqualTo(target), "the unflagged crew inside the flagged group joins it");
        Assert.That(members.Skip(3).Take(3).Select(a => joined[a]), Has.All.EqualTo(1), "a flagged crew is never touched");
        Assert.That(new[] { members[6], outside[0], outside[1] }.Select(a => joined[a]), Has.All.EqualTo(2), "a crew mostly outside the group stays");
        Assert.That(new[] { members[7], outside[2] }.Select(a => joined[a]), Has.All.EqualTo(target), "a pair with one account in the group joins, whole");
        Assert.That(changed, Is.EquivalentTo(new[] { target, 0, 3 }));
        Assert.That(Run(targetFlagged: true, crewOpen: false, share: 0.51).Changed, Is.EquivalentTo(new[] { target, 0 }), "more than half: the pair stays");

        Assert.That(Run(targetFlagged: false, crewOpen: false).Changed, Is.Empty, "a group that is not flagged receives nobody");
        Assert.That(Run(targetFlagged: true, crewOpen: true).Changed, Is.Empty, "an organisation that declares itself is not judged by its neighbours");
        Assert.That(Run(targetFlagged: true, crewOpen: false, absorb: false).Changed, Is.Empty);
    }

    [Test]
    public void ShouldFindTheSameGroupsOnEveryRun()
    {
        var p = new DetectionParameters();
        ColocationGroups Groups() => EvidenceViews.BuildAll(AccountIndex.Build(ThinReseller().Build(), p), p).Colocation;
        var first = Groups();
        var second = Groups();
        Assert.That(second.Members, Is.EqualTo(first.Members));
        Assert.That(second.MemberOffsets, Is.EqualTo(first.MemberOffsets));
        Assert.That(second.Log10P, Is.EqualTo(first.Log10P));
    }

    [Test]
    public void ShouldFormNoGroupWhenTheDetectorIsAskedNotTo()
    {
        var p = new DetectionParameters { ColocationEnabled = false };
        var all = EvidenceViews.BuildAll(AccountIndex.Build(ThinReseller().Build(), p), p);
        Assert.That(all.Colocation.Count, Is.Zero);
    }
}
