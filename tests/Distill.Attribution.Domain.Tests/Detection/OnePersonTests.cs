using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>One person's accounts are not a crew: three accounts on one card that show one display name, rare in the
/// population, are one person open about it; the same three accounts under three unrelated names are a crew hiding
/// behind them.</summary>
public sealed class OnePersonTests
{
    private static readonly string[] Given = ["Ada", "Ben", "Cara", "Dov", "Eli", "Fay", "Gus", "Hal", "Ivo", "Jun"];
    private static readonly string[] Family = ["Quist", "Moreau", "Tanaka", "Okafor", "Lindqvist", "Haddad"];

    /// <summary>Two hundred ordinary users with names of their own, and accounts on one card that harvest on their own
    /// templates over twenty days. <paramref name="names"/> gives the accounts' display names; <paramref name="namesake"/>
    /// gives that many ordinary users the first account's name as well. With <paramref name="inStep"/> the three harvest in
    /// lockstep on several days. <paramref name="population"/>: how many ordinary users (two carriers of a name are chance
    /// among a few hundred named accounts, not among a thousand).</summary>
    /// <paramref name="homes"/>: for each account, the person (card and home address) it belongs to; all on one card, with
    /// no address recorded, when null. <paramref name="oneAddress"/>: every account at the first person's address.
    /// <paramref name="addressOnly"/>: no card at all; the accounts are tied by one shared address instead.
    /// <paramref name="contentTie"/>: the last account is tied to the first by co-used templates (content only).
    private static (ClusterScorer Scorer, int[] Members, int[] Membership) Cluster(DetectionParameters parameters, string?[] names, int namesake = 0, bool inStep = false, int population = 200,
        int[]? homes = null, bool oneAddress = false, bool addressOnly = false, bool contentTie = false)
    {
        var addresses = homes is not null;
        homes ??= new int[names.Length];
        var builder = new SnapshotBuilder();
        var random = new Random(11);
        for (var i = 0; i < population; i++)
        {
            var name = i < namesake ? names[0]! : $"{Given[i % Given.Length]} {Family[i / Given.Length % Family.Length]}-{i}";
            builder.Account($"user-{i}", emailDomain: "webmail.test", displayName: name);
            for (var r = 0; r < 12; r++)
            {
                builder.Request($"user-{i}", SnapshotBuilder.T0.AddSeconds(random.Next(0, 20 * 86_400)), prompt: $"own-{i}-{r % 5}");
            }
        }

        for (var k = 0; k < names.Length; k++)
        {
            var account = $"acct-{k}";
            builder.Account(account, emailDomain: k == 0 ? "webmail.test" : "side-project.test", displayName: names[k]);
            if (!addressOnly)
            {
                builder.Payment(account, $"card-{homes[k] + 1}");
            }

            for (var r = 0; r < 40; r++)
            {
                builder.Request(account, SnapshotBuilder.T0.AddHours((r * 12) + (k * 3)), capability: "reasoning_cot", prompt: $"mine-{r % 5}",
                    ip: addressOnly ? "198.51.100.7" : addresses ? $"203.0.113.{(oneAddress ? 1 : homes[k] + 1)}" : null);
            }
        }

        var snapshot = builder.Build();
        var index = AccountIndex.Build(snapshot, parameters);
        int Id(string account) => Array.IndexOf(snapshot.AccountIds, account);
        var members = names.Select((_, k) => Id($"acct-{k}")).ToArray();
        var links = new LinkSet();
        var ordinal = 0;
        for (var k = 0; k < members.Length; k++)
        {
            for (var l = k + 1; l < members.Length; l++)
            {
                if (homes[k] == homes[l])
                {
                    links.Add(members[k], members[l], addressOnly ? LinkRule.SharedIp : LinkRule.SharedPayment, 1, ordinal++);
                }
            }
        }
        if (contentTie)
        {
            links.Add(members[0], members[^1], LinkRule.CoUse, 0.8, ordinal++, (int)CoUseKind.Template);
        }

        if (inStep)
        {
            links.Add(members[0], members[1], LinkRule.Lockstep, 1, ordinal++, 1);
            links.Add(members[1], members[2], LinkRule.Lockstep, 1, ordinal++, 1);
        }

        links.BuildIndex(snapshot.AccountCount);
        var membership = new int[snapshot.AccountCount];
        Array.Fill(membership, -1);
        foreach (var m in members)
        {
            membership[m] = 0;
        }

        return (new ClusterScorer(index, links, parameters), members, membership);
    }

    /// <summary>With the default parameters every member is one person, nothing is concealed and the cluster is not
    /// flagged; with <paramref name="off"/> (a rule switched off) the same accounts read as a crew and are flagged.</summary>
    private static void AssertOnePersonOnlyWith(DetectionParameters off, string?[] names, int[]? homes = null)
    {
        var (scorer, members, membership) = Cluster(new DetectionParameters(), names, population: 1200, homes: homes);
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.OnePerson, Is.EqualTo(1.0), () => f.ToString());
            Assert.That(f.Concealment, Is.Zero);
            Assert.That(scorer.Score(f).Flagged, Is.False);
        });

        var without = Cluster(off, names, population: 1200, homes: homes);
        var g = without.Scorer.Features(without.Members, 0, without.Membership);
        Assert.Multiple(() =>
        {
            Assert.That(g.OnePerson, Is.Zero, () => g.ToString());
            Assert.That(without.Scorer.Score(g).Flagged, Is.True);
        });
    }

    [Test]
    public void ShouldReadAnAccountWithoutANameOnOnePersonsCardAsThatPersons() =>
        // The side project's account left its name empty; its card is the named person's. With the switch off the
        // unnamed account reads as another person.
        AssertOnePersonOnlyWith(new DetectionParameters { TransparencyOnePersonUnnamed = false }, ["Zora Vellacott", "Zora Vellacott", null]);

    [Test]
    public void ShouldReadANamedAccountAndItsUnnamedSideAccountOnOneCardAsOnePerson() =>
        // Two accounts: the only one here with the name, and an account without one tied to nothing but it. With the
        // switch off one name on one account is no evidence.
        AssertOnePersonOnlyWith(new DetectionParameters { TransparencyOnePersonSideAccount = false }, ["Zora Vellacott", null]);

    [Test]
    public void ShouldNotReadANamedAccountAndAnUnnamedOneMetOnlyOnAnAddressAsOnePerson()
    {
        // The same pair without a card in common: a reseller's two accounts on one proxy exit look like this. Only one
        // person's card ties a side account to its owner.
        var (scorer, members, membership) = Cluster(new DetectionParameters(), ["Zora Vellacott", null], population: 1200, addressOnly: true);
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.OnePerson, Is.Zero, () => f.ToString());
            Assert.That(f.Concealment, Is.EqualTo(1.0));
        });
    }

    [Test]
    public void ShouldReadTwoPeopleAtTheirOwnHomesInOneClusterAsTwoPersonsNotOneBlock() =>
        // Two people with three accounts each, each on its own card and home address; the clustering put them together
        // (they run the same public suites). Each address is a co-location block of one name; with the switch off one
        // block over both homes shows two names.
        AssertOnePersonOnlyWith(new DetectionParameters { TransparencyOnePersonBlocks = false },
            ["Zora Vellacott", "Zora Vellacott", "Zora Vellacott", "Piet Amundsen", "Piet Amundsen", "Piet Amundsen"], homes: [0, 0, 0, 1, 1, 1]);

    [Test]
    public void ShouldNotReadAnAddressSharedByTwoNamesAsEitherPerson()
    {
        // The same six accounts all at one address: the block shows two names, so neither is one person alone.
        string?[] names = ["Zora Vellacott", "Zora Vellacott", "Zora Vellacott", "Piet Amundsen", "Piet Amundsen", "Piet Amundsen"];
        var (scorer, members, membership) = Cluster(new DetectionParameters(), names, population: 1200, homes: [0, 0, 0, 1, 1, 1], oneAddress: true);
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.OnePerson, Is.Zero, () => f.ToString());
            Assert.That(scorer.Score(f).Flagged, Is.True);
        });
    }

    [Test]
    public void ShouldReadTwoUnnamedSideAccountsOnThePersonsOneCardAsThePersons()
    {
        // A personal account and two side projects' opened without a name, all on one card nobody else holds: the two
        // unnamed accounts share the card with each other as much as with the person (D58).
        var (scorer, members, membership) = Cluster(new DetectionParameters(), ["Zora Vellacott", null, null], population: 1200);
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.OnePerson, Is.EqualTo(1.0), () => f.ToString());
            Assert.That(f.Concealment, Is.Zero);
            Assert.That(scorer.Score(f).Flagged, Is.False);
        });

        var off = Cluster(new DetectionParameters { TransparencyOnePersonSideAccountGroups = false }, ["Zora Vellacott", null, null], population: 1200);
        var before = off.Scorer.Features(off.Members, 0, off.Membership);
        Assert.Multiple(() =>
        {
            Assert.That(before.OnePerson, Is.Zero, "before D58 an unnamed account tied to another unnamed one was nobody's side account");
            Assert.That(before.Concealment, Is.EqualTo(1.0));
            Assert.That(off.Scorer.Score(before).Flagged, Is.True);
        });
    }

    [Test]
    public void ShouldNotReadUnnamedAccountsThatReachTwoNamesAsEitherPersons()
    {
        // The same card also pays for an account under another name: the unnamed pair is nobody's side accounts.
        var (scorer, members, membership) = Cluster(new DetectionParameters(), ["Zora Vellacott", null, null, "Piet Amundsen"], population: 1200);
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.OnePerson, Is.Zero, () => f.ToString());
            Assert.That(f.Concealment, Is.EqualTo(1.0));
            Assert.That(scorer.Score(f).Flagged, Is.True);
        });
    }

    [Test]
    public void ShouldReadThreeAccountsOnOneCardUnderOneRareNameAsOnePerson()
    {
        var (scorer, members, membership) = Cluster(new DetectionParameters(), ["Zora Vellacott", " zora  VELLACOTT", "Zora Vellacott"]);
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.OnePerson, Is.EqualTo(1.0), "one name, compared without case and spacing");
            Assert.That(f.Concealment, Is.Zero, "one person hides nothing by paying for three accounts");
            Assert.That(f.PaymentSharing, Is.Zero, "one person's own card is money it shares with nobody (OnePersonMoneyIsItsOwn)");
        });
        Assert.That(scorer.Score(f).Flagged, Is.False, "one person's accounts are not a crew");

        var off = Cluster(new DetectionParameters { TransparencyOnePerson = false }, ["Zora Vellacott", "Zora Vellacott", "Zora Vellacott"]);
        var g = off.Scorer.Features(off.Members, 0, off.Membership);
        Assert.Multiple(() =>
        {
            Assert.That(g.OnePerson, Is.Zero);
            Assert.That(g.Concealment, Is.EqualTo(1.0));
            Assert.That(off.Scorer.Score(g).Flagged, Is.True, "with the switch off the shared card reads as a crew's, as before");
        });
    }

    [Test]
    public void ShouldFlagTheSameAccountsUnderUnrelatedNames()
    {
        var (scorer, members, membership) = Cluster(new DetectionParameters(), ["Zora Vellacott", "Piet Amundsen", "Lior Benhamou"]);
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.OnePerson, Is.Zero);
            Assert.That(f.Concealment, Is.EqualTo(1.0), "unrelated-looking identities on one card");
            Assert.That(scorer.Score(f).Flagged, Is.True);
        });
    }

    [Test]
    public void ShouldNotReadANameManyAccountsCarryAsOnePerson()
    {
        // Forty of the two hundred ordinary users carry the name too: two more members carrying it is no longer beyond
        // chance (a share of 42 / 202, squared: 0.04).
        var (scorer, members, membership) = Cluster(new DetectionParameters(), ["Ada Quist", "Ada Quist", "Ada Quist"], namesake: 40);
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.OnePerson, Is.Zero);
            Assert.That(scorer.Score(f).Flagged, Is.True);
        });
    }

    [Test]
    public void ShouldReadTwoAccountsOnOneCardUnderANameAFewOthersCarryAsOnePerson()
    {
        // Three of 1,200 ordinary users carry the name too: the second account's carrying it has a chance of 4 / 1,201
        // (0.3 %), under the one-person bar of 1 % though above co-use's 0.1 % (a power user with a common-ish name).
        var names = new[] { "Ada Quist", "Ada Quist" };
        var (scorer, members, membership) = Cluster(new DetectionParameters(), names, namesake: 3, population: 1200);
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.OnePerson, Is.EqualTo(1.0), () => f.ToString());
            Assert.That(scorer.Score(f).Flagged, Is.False);
        });

        var strict = Cluster(new DetectionParameters { OnePersonMaxPValue = 1e-3 }, names, namesake: 3, population: 1200);
        var g = strict.Scorer.Features(strict.Members, 0, strict.Membership);
        Assert.Multiple(() =>
        {
            Assert.That(g.OnePerson, Is.Zero, "at co-use's bar the name is too common to count");
            Assert.That(strict.Scorer.Score(g).Flagged, Is.True);
        });
    }

    [Test]
    public void ShouldFlagOnePersonsAccountsThatHarvestInStep()
    {
        var (scorer, members, membership) = Cluster(new DetectionParameters(), ["Zora Vellacott", "Zora Vellacott", "Zora Vellacott"], inStep: true);
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.OnePerson, Is.EqualTo(1.0));
            Assert.That(f.HarvestSynchrony, Is.EqualTo(1.0));
            Assert.That(scorer.Score(f).Flagged, Is.True, "harvesting in step breaks the guard, as for one organisation");
        });
    }
    [Test]
    public void ShouldNotCountOnePersonsOwnCardAsMoneyTheClusterShares()
    {
        // One person's two accounts on one card, and a stranger on a card of its own that the clustering put beside them
        // through the templates they co-use: two of three members are one person (under the guard's share), and the only
        // shared money is that person's own. Counted as shared money, it made the three a coordinated crew.
        var names = new[] { "Zora Vellacott", "Zora Vellacott", "Piet Amundsen" };
        var (scorer, members, membership) = Cluster(new DetectionParameters(), names, population: 1200, homes: [0, 0, 1], contentTie: true);
        var f = scorer.Features(members, 0, membership);
        Assert.Multiple(() =>
        {
            Assert.That(f.OnePerson, Is.EqualTo(2.0 / 3).Within(1e-9), () => f.ToString());
            Assert.That(f.PaymentSharing, Is.Zero);
            Assert.That(scorer.Score(f).Flagged, Is.False);
        });

        var off = Cluster(new DetectionParameters { OnePersonMoneyIsItsOwn = false }, names, population: 1200, homes: [0, 0, 1], contentTie: true);
        var g = off.Scorer.Features(off.Members, 0, off.Membership);
        Assert.Multiple(() =>
        {
            Assert.That(g.PaymentSharing, Is.EqualTo(2.0 / 3).Within(1e-9), () => g.ToString());
            Assert.That(off.Scorer.Score(g).Flagged, Is.True, "the person's card read as money the cluster shares");
        });
    }
}
