using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>Openness judged per organisation: a cluster built from several open teams that run the same public suites is
/// as open as one team, unless money or addresses cross between the declared organisations.</summary>
public sealed class OpenOrganisationTests
{
    private static readonly string[] Teams = ["alpha", "beta", "gamma"];

    /// <summary>Where the teams' requests come from: nowhere recorded, each team its own office address, or one address
    /// for all three.</summary>
    public enum Addresses
    {
        None,
        PerTeam,
        Shared,
    }

    /// <summary>Three teams of four (or the first <paramref name="teamCount"/>), each declaring its own organisation from its own e-mail domain (self-serve, so
    /// nothing is vetted) and sharing its own card; all twelve run one public suite in lockstep. Forty ordinary users
    /// around them. With <paramref name="cardAcrossTeams"/> one card is shared by a member of every team instead.</summary>
    private static (ClusterScorer Scorer, int[] Members, int[] Membership) Cluster(DetectionParameters parameters, bool cardAcrossTeams, int teamCount = 3,
        Addresses addresses = Addresses.None)
    {
        var teams = Teams[..teamCount];
        var builder = new SnapshotBuilder();
        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            builder.Account($"user-{i}", emailDomain: "webmail.test");
            for (var r = 0; r < 30; r++)
            {
                builder.Request($"user-{i}", SnapshotBuilder.T0.AddSeconds(random.Next(0, 20 * 86_400)), prompt: $"own-{i}-{r % 7}");
            }
        }

        foreach (var team in teams)
        {
            for (var k = 0; k < 4; k++)
            {
                var account = $"{team}-{k}";
                builder.Account(account, AccessPathway.SelfServe, emailDomain: $"{team}-evals.test", org: $"{team} evals");
                for (var r = 0; r < 30; r++)
                {
                    var ip = addresses switch
                    {
                        Addresses.PerTeam => $"198.51.100.{Array.IndexOf(Teams, team) + 1}",
                        Addresses.Shared => "198.51.100.9",
                        _ => null,
                    };
                    builder.Request(account, SnapshotBuilder.T0.AddHours(r * 12), capability: "reasoning_cot", prompt: $"suite-{r % 6}", ip: ip);
                }
            }
        }

        var snapshot = builder.Build();
        var index = AccountIndex.Build(snapshot, parameters);
        int Id(string account) => Array.IndexOf(snapshot.AccountIds, account);
        var links = new LinkSet();
        var ordinal = 0;
        foreach (var team in teams)
        {
            for (var k = 1; k < 4; k++)
            {
                links.Add(Id($"{team}-0"), Id($"{team}-{k}"), LinkRule.SharedPayment, 1, ordinal++);
            }
        }

        if (cardAcrossTeams)
        {
            links.Add(Id("alpha-1"), Id("beta-1"), LinkRule.SharedPayment, 1, ordinal++);
            links.Add(Id("beta-2"), Id("gamma-2"), LinkRule.SharedPayment, 1, ordinal++);
            links.Add(Id("gamma-3"), Id("alpha-3"), LinkRule.SharedPayment, 1, ordinal++);
        }

        var members = teams.SelectMany(t => Enumerable.Range(0, 4).Select(k => Id($"{t}-{k}"))).ToArray();
        for (var i = 1; i < members.Length; i++)
        {
            links.Add(members[i - 1], members[i], LinkRule.Lockstep, 1, ordinal++, 1);
            links.Add(members[i - 1], members[i], LinkRule.CoUse, 0.8, ordinal++, (int)CoUseKind.Template);
        }

        links.BuildIndex(snapshot.AccountCount);
        var membership = MembershipOf(members, snapshot.AccountCount);

        return (new ClusterScorer(index, links, parameters), members, membership);
    }

    [Test]
    public void ShouldCountEveryMemberOfSeveralOpenTeamsAsOpen()
    {
        var (scorer, members, membership) = Cluster(new DetectionParameters(), cardAcrossTeams: false);
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.OpenOrganisations, Is.EqualTo(1.0));
            Assert.That(f.Transparency, Is.EqualTo(4.0 / 12).Within(1e-9), "one organisation's share: the cluster's most common");
            Assert.That(f.HarvestSynchrony, Is.EqualTo(1.0), "every member harvests in step");
        });
        Assert.That(scorer.Score(f).Flagged, Is.False, "several open teams running a public suite together hide nothing");
        Assert.That(scorer.Score(f with { ReleasePivot = 1 }).Flagged, Is.True, "a pivot onto each new model breaks the guard of many organisations");

        var off = Cluster(new DetectionParameters { TransparencyPerOrganisation = false }, cardAcrossTeams: false);
        Assert.That(off.Scorer.Score(off.Scorer.Features(off.Members, 0, off.Membership)).Flagged, Is.True,
            "with the switch off only the most common organisation counts, and harvesting in step overrides the guard");
    }

    [Test]
    public void ShouldNotCountMembersWhoseMoneyCrossesToAnotherOrganisation()
    {
        var (scorer, members, membership) = Cluster(new DetectionParameters(), cardAcrossTeams: true);
        var f = scorer.Features(members, 0, membership);
        Assert.That(f.OpenOrganisations, Is.EqualTo(6.0 / 12).Within(1e-9), "the six members on a card another organisation uses are not open");
        Assert.That(scorer.Score(f).Flagged, Is.True, "pretend organisations sharing cards across are flagged as before");
    }

    [Test]
    public void ShouldNotCountTheCardsOpenTeamsPayWithForTheirOwnPeopleAsSharedMoney()
    {
        var (scorer, members, membership) = Cluster(new DetectionParameters(), cardAcrossTeams: false);
        Assert.That(scorer.Features(members, 0, membership).PaymentSharing, Is.Zero, "each team's card is its own people's");

        var off = Cluster(new DetectionParameters { OrganisationMoneyIsItsOwn = false }, cardAcrossTeams: false);
        Assert.That(off.Scorer.Features(off.Members, 0, off.Membership).PaymentSharing, Is.EqualTo(1.0), "the reading before D55");

        var across = Cluster(new DetectionParameters(), cardAcrossTeams: true);
        Assert.That(across.Scorer.Features(across.Members, 0, across.Membership).PaymentSharing, Is.EqualTo(6.0 / 12).Within(1e-9),
            "the six members whose card another organisation uses share money; their colleagues who pay only with their team do not");
    }

    [Test]
    public void ShouldNotReadOpenTeamsTiedOnlyByTheirOwnCardsAsConcealed()
    {
        var (scorer, members, membership) = Cluster(new DetectionParameters(), cardAcrossTeams: false);
        Assert.That(scorer.Features(members, 0, membership).Concealment, Is.Zero, "every member's one private tie is its own team's card");

        var mostCommonOnly = Cluster(new DetectionParameters { ConcealmentReadsEveryOrganisation = false }, cardAcrossTeams: false);
        Assert.That(mostCommonOnly.Scorer.Features(mostCommonOnly.Members, 0, mostCommonOnly.Membership).Concealment, Is.EqualTo(8.0 / 12).Within(1e-9),
            "before D57 only the most common organisation's four members were open to concealment");

        var across = Cluster(new DetectionParameters(), cardAcrossTeams: true);
        Assert.That(across.Scorer.Features(across.Members, 0, across.Membership).Concealment, Is.EqualTo(4.0 / 12).Within(1e-9),
            "the members on a card another organisation uses hide who pays for them, but for the most common organisation's two (open in the one-organisation reading)");
    }

    [TestCase(Addresses.PerTeam, 0.0)]
    [TestCase(Addresses.Shared, 8.0 / 12)]
    public void ShouldReadOpenTeamsThatShareAddressesWithEachOtherAsConcealed(Addresses addresses, double expected)
    {
        // Each team at its own office address: the co-location blocks are the teams, every tie stays inside its
        // organisation. All three at one address nobody else uses: the block holds three organisations, so the members the
        // most common organisation does not cover hide who they are with (D57).
        var (scorer, members, membership) = Cluster(new DetectionParameters(), cardAcrossTeams: false, addresses: addresses);
        Assert.That(scorer.Features(members, 0, membership).Concealment, Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void ShouldNotFlagOneOpenTeamWhoseEvaluationsRunInStep()
    {
        // A leaderboard's four accounts, one organisation on its own domain, one card, fanning each suite out in parallel.
        var (scorer, members, membership) = Cluster(new DetectionParameters(), cardAcrossTeams: false, teamCount: 1);
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.Transparency, Is.EqualTo(1.0));
            Assert.That(f.HarvestSynchrony, Is.EqualTo(1.0), "every member harvests in step");
        });
        Assert.That(scorer.Score(f).Flagged, Is.False, "one organisation's jobs in parallel hide nothing");

        var yielding = new DetectionParameters { TransparencyGuardYieldsToHarvestSynchrony = true };
        var before = Cluster(yielding, cardAcrossTeams: false, teamCount: 1);
        var old = before.Scorer.Features(before.Members, 0, before.Membership);
        Assert.That(before.Scorer.Score(old).Flagged, Is.True, "before D56 harvesting in step broke the guard");
        Assert.That(scorer.Score(f with { OnePerson = 1, Transparency = 0, OrgConsistency = 0, OpenOrganisations = 0 }).Flagged, Is.True,
            "one person's accounts harvesting in step still break the one-person guard");
    }

    [Test]
    public void ShouldNotCountANameCommonInThePopulation()
    {
        var builder = new SnapshotBuilder();
        for (var i = 0; i < 12; i++)
        {
            // "Student" is declared by twelve accounts, four of them here, from a webmail domain: a word, not a workplace.
            builder.Account($"s-{i}", emailDomain: "webmail.test", org: "Student");
            builder.Request($"s-{i}", SnapshotBuilder.T0.AddHours(i), prompt: "p");
        }

        var snapshot = builder.Build();
        var parameters = new DetectionParameters();
        var links = new LinkSet();
        links.BuildIndex(snapshot.AccountCount);
        var scorer = new ClusterScorer(AccountIndex.Build(snapshot, parameters), links, parameters);
        var members = Enumerable.Range(0, 4).Select(i => Array.IndexOf(snapshot.AccountIds, $"s-{i}")).ToArray();
        var membership = MembershipOf(members, snapshot.AccountCount);

        Assert.That(scorer.Features(members, 0, membership).OpenOrganisations, Is.Zero);
    }

    [TestCase(true, 1.0)]
    [TestCase(false, 0.0)]
    public void ShouldCountColleaguesOnWebmailWhenTheirOrganisationHasItsOwnDomain(bool someOnOwnDomain, double expected)
    {
        // Four colleagues here, twelve declarers of the name in all (too common for the name alone); with two of the four
        // writing from the company's domain, the two on webmail are open about the same workplace.
        var builder = new SnapshotBuilder();
        for (var i = 0; i < 12; i++)
        {
            var domain = someOnOwnDomain && i % 2 == 0 && i < 8 ? "tidal.test" : "webmail.test";
            builder.Account($"c-{i}", emailDomain: domain, org: "Tidal Lingua");
            builder.Request($"c-{i}", SnapshotBuilder.T0.AddHours(i), prompt: "p");
        }

        var snapshot = builder.Build();
        var parameters = new DetectionParameters();
        var links = new LinkSet();
        links.BuildIndex(snapshot.AccountCount);
        var scorer = new ClusterScorer(AccountIndex.Build(snapshot, parameters), links, parameters);
        var members = Enumerable.Range(0, 4).Select(i => Array.IndexOf(snapshot.AccountIds, $"c-{i}")).ToArray();
        var membership = MembershipOf(members, snapshot.AccountCount);

        Assert.That(scorer.Features(members, 0, membership).OpenOrganisations, Is.EqualTo(expected));
    }

    [Test]
    public void ShouldNotTakeALoneVettedDeclarersWordForAnOrganisation()
    {
        // Four education accounts on webmail, each declaring an institute of its own: the pathway vouches for each account,
        // nothing here for any of the organisations. Twenty others write from the same webmail provider.
        var builder = new SnapshotBuilder();
        for (var i = 0; i < 20; i++)
        {
            builder.Account($"w-{i}", emailDomain: "webmail.test");
            builder.Request($"w-{i}", SnapshotBuilder.T0.AddHours(i), prompt: "q");
        }

        for (var i = 0; i < 4; i++)
        {
            builder.Account($"e-{i}", AccessPathway.Education, emailDomain: "webmail.test", org: $"Institute {i}");
            builder.Request($"e-{i}", SnapshotBuilder.T0.AddHours(i), prompt: "p");
        }

        var snapshot = builder.Build();
        var parameters = new DetectionParameters();
        var links = new LinkSet();
        links.BuildIndex(snapshot.AccountCount);
        var scorer = new ClusterScorer(AccountIndex.Build(snapshot, parameters), links, parameters);
        var members = Enumerable.Range(0, 4).Select(i => Array.IndexOf(snapshot.AccountIds, $"e-{i}")).ToArray();
        var membership = MembershipOf(members, snapshot.AccountCount);

        Assert.That(scorer.Features(members, 0, membership).OpenOrganisations, Is.Zero);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void ShouldReadALabThatNamesItsUnitsSeveralWaysOnItsOwnDomainAsOneOrganisation(bool domainNamesOrganisation)
    {
        // Nine researchers on the university's domain (used by no one else), naming their group three ways, all on one
        // grant card, all grading with the same public suite; one colleague on the domain declares nothing. Forty
        // ordinary users around them.
        var builder = new SnapshotBuilder();
        var random = new Random(11);
        for (var i = 0; i < 40; i++)
        {
            builder.Account($"user-{i}", emailDomain: "webmail.test");
            for (var r = 0; r < 30; r++)
            {
                builder.Request($"user-{i}", SnapshotBuilder.T0.AddSeconds(random.Next(0, 20 * 86_400)), prompt: $"own-{i}-{r % 7}");
            }
        }

        string[] units = ["Eastbrook NLP Lab", "Eastbrook Vision Lab", "Eastbrook Security Lab"];
        for (var k = 0; k < 10; k++)
        {
            builder.Account($"lab-{k}", AccessPathway.SelfServe, emailDomain: "eastbrook.test", org: k < 9 ? units[k % 3] : null);
            for (var r = 0; r < 30; r++)
            {
                builder.Request($"lab-{k}", SnapshotBuilder.T0.AddSeconds(random.Next(0, 20 * 86_400)), capability: "rubric_grading", prompt: $"suite-{r % 6}");
            }
        }

        var snapshot = builder.Build();
        var parameters = new DetectionParameters { TransparencyOwnDomainNamesOrganisation = domainNamesOrganisation };
        var members = Enumerable.Range(0, 10).Select(k => Array.IndexOf(snapshot.AccountIds, $"lab-{k}")).ToArray();
        var links = new LinkSet();
        for (var k = 1; k < members.Length; k++)
        {
            links.Add(members[0], members[k], LinkRule.SharedPayment, 1, k);
        }

        links.BuildIndex(snapshot.AccountCount);
        var scorer = new ClusterScorer(AccountIndex.Build(snapshot, parameters), links, parameters);
        var membership = MembershipOf(members, snapshot.AccountCount);

        var f = scorer.Features(members, 0, membership);
        // One grant card: the holder (who pays with the undeclared colleague too) and that colleague share money; the others
        // pay only with their own organisation (OrganisationMoneyIsItsOwn), which is the whole lab on its domain, or their
        // unit when names alone count (the two other declarers of the holder's unit).
        Assert.That(f.PaymentSharing, Is.EqualTo(domainNamesOrganisation ? 0.2 : 0.8).Within(1e-9));
        if (domainNamesOrganisation)
        {
            Assert.That(f.Transparency, Is.EqualTo(0.9).Within(1e-9), "every declarer on the lab's own domain, whatever the unit's name");
            Assert.That(scorer.Score(f).Flagged, Is.False);
            Assert.That(scorer.Score(f with { HarvestSynchrony = 1, Synchrony = 1 }).Flagged, Is.False, "one organisation's grading jobs in step (D56)");
        }
        else
        {
            Assert.That(f.Transparency, Is.EqualTo(0.3).Within(1e-9), "only the most common name counts");
            Assert.That(scorer.Score(f).Flagged, Is.True, "a shared card and a grading suite with no organisation read as one");
        }
    }

    [TestCase(false, 1.0)]
    [TestCase(true, 0.0)]
    public void ShouldJudgeTwoLabsOnTheirOwnDomainsEachByItsDomain(bool cardAcrossLabs, double expected)
    {
        // Two labs of six on their own university domains, each naming its units three ways and sharing its own grant card.
        var builder = new SnapshotBuilder();
        for (var i = 0; i < 40; i++)
        {
            builder.Account($"user-{i}", emailDomain: "webmail.test");
            builder.Request($"user-{i}", SnapshotBuilder.T0.AddHours(i), prompt: $"own-{i}");
        }

        foreach (var lab in new[] { "north", "south" })
        {
            for (var k = 0; k < 6; k++)
            {
                builder.Account($"{lab}-{k}", AccessPathway.SelfServe, emailDomain: $"{lab}.test", org: $"{lab} {(k % 3 == 0 ? "NLP" : k % 3 == 1 ? "ML" : "Vision")} Lab");
                builder.Request($"{lab}-{k}", SnapshotBuilder.T0.AddHours(k), capability: "rubric_grading", prompt: "suite");
            }
        }

        var snapshot = builder.Build();
        var parameters = new DetectionParameters();
        int Id(string account) => Array.IndexOf(snapshot.AccountIds, account);
        var links = new LinkSet();
        var ordinal = 0;
        foreach (var lab in new[] { "north", "south" })
        {
            for (var k = 1; k < 6; k++)
            {
                links.Add(Id($"{lab}-0"), Id($"{lab}-{k}"), LinkRule.SharedPayment, 1, ordinal++);
            }
        }

        if (cardAcrossLabs)
        {
            // Cards held across the two labs, member by member: pretend organisations sharing one scheme's money.
            for (var k = 0; k < 6; k++)
            {
                links.Add(Id($"north-{k}"), Id($"south-{k}"), LinkRule.SharedPayment, 1, ordinal++);
            }
        }

        links.BuildIndex(snapshot.AccountCount);
        var scorer = new ClusterScorer(AccountIndex.Build(snapshot, parameters), links, parameters);
        var members = new[] { "north", "south" }.SelectMany(lab => Enumerable.Range(0, 6).Select(k => Id($"{lab}-{k}"))).ToArray();
        var membership = MembershipOf(members, snapshot.AccountCount);

        var f = scorer.Features(members, 0, membership);
        Assert.That(f.OpenOrganisations, Is.EqualTo(expected).Within(1e-9));
        Assert.That(f.Transparency, Is.EqualTo(0.5).Within(1e-9), "the cluster-wide reading sees one lab's domain");
    }

    [TestCase(true, false, 1.0)]
    [TestCase(false, false, 0.0)]
    [TestCase(true, true, 0.0)]
    public void ShouldJudgeAnOwnDomainByTheAccountsActiveInTheSnapshot(bool activeOnly, bool colleaguesActive, double expected)
    {
        // Four colleagues of a startup on its own domain share a card and run one suite (the part of the company that is
        // active in this window). Ten more accounts are registered on the domain: idle colleagues, or (colleaguesActive)
        // ten active users of what is then a shared domain. Forty ordinary users around them.
        var builder = new SnapshotBuilder();
        var random = new Random(5);
        for (var i = 0; i < 40; i++)
        {
            builder.Account($"user-{i}", emailDomain: "webmail.test");
            for (var r = 0; r < 30; r++)
            {
                builder.Request($"user-{i}", SnapshotBuilder.T0.AddSeconds(random.Next(0, 20 * 86_400)), prompt: $"own-{i}-{r % 7}");
            }
        }

        for (var i = 0; i < 10; i++)
        {
            builder.Account($"idle-{i}", AccessPathway.StartupProgram, emailDomain: "tidal.test", org: colleaguesActive ? null : "Tidal Data");
            if (colleaguesActive)
            {
                builder.Request($"idle-{i}", SnapshotBuilder.T0.AddHours(3 + i), prompt: $"other-{i}");
            }
        }

        for (var k = 0; k < 4; k++)
        {
            builder.Account($"team-{k}", AccessPathway.StartupProgram, emailDomain: "tidal.test", org: "Tidal Data");
            for (var r = 0; r < 30; r++)
            {
                builder.Request($"team-{k}", SnapshotBuilder.T0.AddHours(r * 12), capability: "reasoning_cot", prompt: $"suite-{r % 6}");
            }
        }

        var snapshot = builder.Build();
        var parameters = new DetectionParameters { TransparencyActivePopulation = activeOnly };
        int Id(string account) => Array.IndexOf(snapshot.AccountIds, account);
        var members = Enumerable.Range(0, 4).Select(k => Id($"team-{k}")).ToArray();
        var links = new LinkSet();
        for (var k = 1; k < 4; k++)
        {
            links.Add(members[0], members[k], LinkRule.SharedPayment, 1, k - 1);
        }

        links.BuildIndex(snapshot.AccountCount);
        var scorer = new ClusterScorer(AccountIndex.Build(snapshot, parameters), links, parameters);
        var f = scorer.Features(members, 0, MembershipOf(members, snapshot.AccountCount));

        Assert.That(f.Transparency, Is.EqualTo(expected).Within(1e-9),
            "ten registered but idle colleagues do not make a company's domain shared; ten active users of it do");
        if (!colleaguesActive)
        {
            Assert.That(scorer.Score(f).Flagged, Is.EqualTo(!activeOnly), "the open team is guarded; read as concealed, its shared card flags it");
        }
    }

    /// <summary>Cluster 0 holds <paramref name="members"/>; every other account is in none.</summary>
    internal static int[] MembershipOf(int[] members, int accountCount)
    {
        var membership = new int[accountCount];
        Array.Fill(membership, -1);
        foreach (var m in members)
        {
            membership[m] = 0;
        }

        return membership;
    }
    /// <summary>An authorised partner on the reseller pathway: 40 sub-accounts (one per customer tenant) that all declare the
    /// partner and write from its own domain, pay with its one invoice, leave through its three gateway addresses and run its
    /// app's five templates (grading and reasoning) at independent times; 2,000 ordinary users on a webmail domain around
    /// them. The same
    /// accounts declaring the partner's name from webmail addresses hide who they are.</summary>
    [TestCase(true, false)]
    [TestCase(false, true)]
    public void ShouldReadAnAuthorisedPartnerOnTheResellerPathwayAsOpenOnlyFromItsOwnDomain(bool ownDomain, bool flagged)
    {
        var builder = new SnapshotBuilder();
        for (var i = 0; i < 2000; i++)
        {
            builder.Account($"bg-{i}", emailDomain: "webmail.test");
        }

        builder.HomeBackground("bg");
        var random = new Random(73);
        string[] gateway = ["52.14.3.10", "52.14.3.11", "52.14.3.12"];
        for (var i = 0; i < 40; i++)
        {
            var account = $"tenant-{i}";
            builder.Account(account, AccessPathway.Reseller, SnapshotBuilder.T0.AddDays(-random.Next(30, 400)),
                emailDomain: ownDomain ? "partnercloud.test" : "webmail.test", org: "Partner Cloud");
            builder.Payment(account, "invoice-partner", kind: PaymentKind.Invoice);
            foreach (var ip in gateway)
            {
                builder.Session(account, ip, count: 10, type: IpType.Datacenter, asn: 16509);
            }

            for (var r = 0; r < 60; r++)
            {
                builder.Request(account, SnapshotBuilder.T0.AddSeconds(random.Next(0, 16 * 86_400)), capability: r % 2 == 0 ? "rubric_grading" : "reasoning_cot",
                    prompt: $"partner-app-{random.Next(5)}", ip: gateway[random.Next(3)], client: "partner-gateway/2.1");
            }
        }

        var outcome = Detect.Run(builder.Build());
        var partner = outcome.Clusters.MaxBy(c => c.Members.Count(a => a.StartsWith("tenant-", StringComparison.Ordinal)))!;
        Assert.That(partner.Members.Count(a => a.StartsWith("tenant-", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(36));
        Assert.That(partner.Flagged, Is.EqualTo(flagged), () => $"risk {partner.RiskScore}, {partner.Features}");
        Assert.That(partner.Features.Transparency, ownDomain ? Is.GreaterThanOrEqualTo(0.9) : Is.Zero);
        if (ownDomain)
        {
            var before = Detect.Run(builder.Build(), new DetectionParameters { TransparencyResellerOnOwnDomain = false });
            Assert.That(before.Clusters.Where(c => c.Flagged).Sum(c => c.Members.Count(a => a.StartsWith("tenant-", StringComparison.Ordinal))), Is.GreaterThanOrEqualTo(36),
                "read as before (the reseller pathway never open), the partner is flagged");
        }
    }
}
