using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>An address a crowd shares is not a private tie: a hackathon team of four on the venue's network meets sixty
/// other participants there, so the venue's two addresses do not conceal anything about the team; the same team on two
/// addresses only it uses (an operator's exits) is tied through them.</summary>
public sealed class CrowdTieTests
{
    /// <summary>Two hundred ordinary users at home, sixty other participants on the venue's two addresses, and a team of
    /// four that harvests on its own templates there (<paramref name="ownAddresses"/>: on two addresses nobody else uses).
    /// The team is linked only by its shared templates (content, never a private tie).</summary>
    private static (ClusterScorer Scorer, int[] Members, int[] Membership, int[] Others) Team(DetectionParameters parameters, bool ownAddresses)
    {
        var builder = new SnapshotBuilder();
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            builder.Account($"user-{i}", emailDomain: "webmail.test");
            for (var r = 0; r < 12; r++)
            {
                builder.Request($"user-{i}", SnapshotBuilder.T0.AddSeconds(random.Next(0, 20 * 86_400)), prompt: $"own-{i}-{r % 5}", ip: $"10.1.{i}.1");
            }
        }

        for (var i = 0; i < 60; i++)
        {
            builder.Account($"hacker-{i}", emailDomain: "webmail.test");
            for (var r = 0; r < 10; r++)
            {
                builder.Request($"hacker-{i}", SnapshotBuilder.T0.AddHours(1 + random.NextDouble() * 60), capability: "tool_use",
                    prompt: $"kit-{r % 3}", ip: r % 2 == 0 ? "192.0.2.1" : "192.0.2.2");
            }
        }

        for (var k = 0; k < 4; k++)
        {
            var account = $"team-{k}";
            builder.Account(account, emailDomain: "webmail.test");
            for (var r = 0; r < 40; r++)
            {
                var ip = ownAddresses ? (r % 2 == 0 ? "198.51.100.1" : "198.51.100.2") : (r % 2 == 0 ? "192.0.2.1" : "192.0.2.2");
                builder.Request(account, SnapshotBuilder.T0.AddHours((r * 12) + k), capability: "reasoning_cot", prompt: $"team-{r % 4}", ip: ip);
            }
        }

        var snapshot = builder.Build();
        var index = AccountIndex.Build(snapshot, parameters);
        var members = Enumerable.Range(0, 4).Select(k => Array.IndexOf(snapshot.AccountIds, $"team-{k}")).ToArray();
        var links = new LinkSet();
        var ordinal = 0;
        for (var i = 1; i < members.Length; i++)
        {
            links.Add(members[i - 1], members[i], LinkRule.CoUse, 0.8, ordinal++, (int)CoUseKind.Template);
        }

        links.BuildIndex(snapshot.AccountCount);
        var membership = new int[snapshot.AccountCount];
        Array.Fill(membership, -1);
        foreach (var m in members)
        {
            membership[m] = 0;
        }

        var others = Enumerable.Range(0, 60).Select(i => Array.IndexOf(snapshot.AccountIds, $"hacker-{i}")).ToArray();
        return (new ClusterScorer(index, links, parameters), members, membership, others);
    }

    [Test]
    public void ShouldNotReadAVenueNetworkTheTeamSharesWithACrowdAsConcealment()
    {
        var (scorer, members, membership, _) = Team(new DetectionParameters(), ownAddresses: false);
        var f = scorer.Features(members, 0, membership);
        Assert.That(f.Concealment, Is.Zero, "four of sixty-four people on the venue's addresses: the addresses are the crowd's");
        Assert.That(scorer.Score(f).Flagged, Is.False);
        Assert.That(scorer.MeetsFlagged(members), Is.False, "nothing flagged is counted yet");

        var off = Team(new DetectionParameters { ColocationMinInsideShare = 0 }, ownAddresses: false);
        Assert.That(off.Scorer.Features(off.Members, 0, off.Membership).Concealment, Is.EqualTo(1.0),
            "with the share switched off, meeting beyond the population's rate on a busy address is a private tie");
    }

    [Test]
    public void ShouldReadAddressesOnlyTheTeamUsesAsConcealment()
    {
        var (scorer, members, membership, _) = Team(new DetectionParameters(), ownAddresses: true);
        var f = scorer.Features(members, 0, membership);
        Assert.That(f.Concealment, Is.EqualTo(1.0), "two addresses nobody else uses tie the four together");
        Assert.That(scorer.Score(f).Flagged, Is.True, "shared templates from private addresses, harvesting: a crew");
    }

    [Test]
    public void ShouldReadAddressesTheTeamSharesWithAFlaggedClusterAsTheirOwn()
    {
        // The sixty on the venue's addresses are a flagged cluster: the four are a piece of that pool the clustering split
        // off, not strangers in a crowd.
        var (scorer, members, membership, others) = Team(new DetectionParameters(), ownAddresses: false);
        scorer.CountFlaggedNeighbours([others]);
        Assert.That(scorer.MeetsFlagged(members), Is.True);
        Assert.That(scorer.Features(members, 0, membership).Concealment, Is.EqualTo(1.0));
        scorer.CountFlaggedNeighbours(null);
        Assert.That(scorer.Features(members, 0, membership).Concealment, Is.Zero, "forgotten again");
    }
}
