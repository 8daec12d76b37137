using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>Pieces of one concealed block (cut apart by the clustering's density bar) become one cluster when the block
/// is flagged on money and infrastructure; open teams and crowds moved only by a shared event stay apart.</summary>
public sealed class BlockConsolidationTests
{
    private const int Pieces = 3;

    private static readonly double Share = new DetectionParameters().ConsolidationOrganisationShare;

    /// <summary>Three pieces of five accounts running one prompt library on reasoning over ten days, beside thirty ordinary
    /// chat users. With <paramref name="cardsAcross"/> each member shares a card with a member of the next piece (never
    /// inside its own piece); the first <paramref name="openPerPiece"/> members of each piece declare the piece's own
    /// organisation from its own domain on the education pathway;
    /// <paramref name="inStep"/> puts all members' requests in the same few minutes of each day.</summary>
    private static (List<int[]> Groups, int[] Membership, int[] Blocks, ClusterScorer Scorer,
        Dictionary<int, (ClusterFeatures Features, double Risk, bool Flagged)> Scored, string[] Ids) Block(bool cardsAcross, int openPerPiece = 0,
        int pieceSize = 5, bool inStep = false)
    {
        var builder = new SnapshotBuilder();
        var random = new Random(5);
        for (var i = 0; i < 30; i++)
        {
            builder.Account($"user-{i}", emailDomain: "webmail.test");
            for (var r = 0; r < 40; r++)
            {
                builder.Request($"user-{i}", SnapshotBuilder.T0.AddSeconds(random.Next(0, 10 * 86_400)), prompt: $"own-{i}-{r % 6}");
            }
        }

        var bursts = Enumerable.Range(0, 10).Select(d => SnapshotBuilder.T0.AddDays(d).AddMinutes(random.Next(0, 1_400))).ToArray();
        for (var p = 0; p < Pieces; p++)
        {
            for (var k = 0; k < pieceSize; k++)
            {
                var account = $"piece-{p}-{k}";
                var open = k < openPerPiece;
                builder.Account(account, open ? AccessPathway.Education : AccessPathway.SelfServe, emailDomain: open ? $"team-{p}.test" : "webmail.test",
                    org: open ? $"Team {p}" : null);
                for (var r = 0; r < 40; r++)
                {
                    var at = inStep ? bursts[r % 10].AddSeconds(random.Next(0, 120)) : SnapshotBuilder.T0.AddSeconds(random.Next(0, 10 * 86_400));
                    builder.Request(account, at, capability: "reasoning_cot", prompt: $"lib-{r % 8}");
                }
            }
        }

        var snapshot = builder.Build();
        var parameters = new DetectionParameters();
        var index = AccountIndex.Build(snapshot, parameters);
        int Id(string account) => Array.IndexOf(snapshot.AccountIds, account);
        var links = new LinkSet();
        var key = 0;
        for (var p = 0; p < Pieces; p++)
        {
            for (var k = 0; k < pieceSize; k++)
            {
                if (k > 0)
                {
                    links.Add(Id($"piece-{p}-{k - 1}"), Id($"piece-{p}-{k}"), LinkRule.CoUse, 0.8, key++, (int)CoUseKind.Template);
                }

                if (cardsAcross)
                {
                    links.Add(Id($"piece-{p}-{k}"), Id($"piece-{(p + 1) % Pieces}-{k}"), LinkRule.SharedPayment, 1, key++);
                }
            }
        }

        links.BuildIndex(snapshot.AccountCount);
        var membership = new int[snapshot.AccountCount];
        var blocks = new int[snapshot.AccountCount];
        for (var a = 0; a < snapshot.AccountCount; a++)
        {
            var id = snapshot.AccountIds[a];
            membership[a] = id.StartsWith("piece-", StringComparison.Ordinal) ? id[6] - '0' : Pieces + a;
            blocks[a] = id.StartsWith("piece-", StringComparison.Ordinal) ? 0 : 1 + a;
        }

        var groups = ClusterDetector.Groups(membership);
        var scorer = new ClusterScorer(index, links, parameters);
        var scored = groups.ToDictionary(g => membership[g[0]], g =>
        {
            var f = scorer.Features(g, membership[g[0]], membership);
            var (risk, flagged) = scorer.Score(f);
            return (f, risk, flagged);
        });
        return (groups, membership, blocks, scorer, scored, snapshot.AccountIds);
    }

    [Test]
    public void ShouldJoinThePiecesOfABlockTiedByCardsAcrossThem()
    {
        var (groups, membership, blocks, scorer, scored, _) = Block(cardsAcross: true);
        Assert.That(scored.Values.Select(v => v.Flagged), Is.All.False, "no piece holds both ends of a card: none is coordinated alone");

        var (result, joined) = ClusterDetector.ConsolidateBlocks(groups, membership, blocks, scored, scorer, Share);
        Assert.That(joined, Has.Count.EqualTo(1));
        var (label, verdict) = joined.Single();
        Assert.Multiple(() =>
        {
            Assert.That(verdict.Flagged, Is.True);
            Assert.That(verdict.Features.MemberCount, Is.EqualTo(Pieces * 5));
            Assert.That(verdict.Features.PaymentSharing, Is.EqualTo(1.0));
            Assert.That(Enumerable.Range(0, result.Length).Count(a => result[a] == label), Is.EqualTo(Pieces * 5));
        });
    }

    [Test]
    public void ShouldStillJoinThePiecesWithoutOpenMembersWhenAPieceWithSomeDilutesTheUnion()
    {
        // Twenty ordinary chat users, a fifth of them open about an organisation (as their verdict says), sit in the same
        // block as a fourth piece: with them the union shares too little money to be flagged; without them it is what
        // was joined before D59.
        var (_, membership, blocks, scorer, scored, ids) = Block(cardsAcross: true);
        membership = (int[])membership.Clone();
        var users = Enumerable.Range(0, ids.Length).Where(a => ids[a].StartsWith("user-", StringComparison.Ordinal)).Take(20).ToArray();
        foreach (var a in users)
        {
            membership[a] = 99;
            blocks[a] = 0;
        }

        scored[99] = (new ClusterFeatures { Transparency = 0.2, MemberCount = users.Length }, 0, false);
        var (result, joined) = ClusterDetector.ConsolidateBlocks(ClusterDetector.Groups(membership), membership, blocks, scored, scorer, Share);
        Assert.That(joined, Has.Count.EqualTo(1));
        var (label, verdict) = joined.Single();
        Assert.Multiple(() =>
        {
            Assert.That(verdict.Features.MemberCount, Is.EqualTo(Pieces * 5), "the three pieces without open members");
            Assert.That(users.Select(a => result[a]), Is.All.EqualTo(99), "the diluting piece stays as it was");
            Assert.That(Enumerable.Range(0, result.Length).Count(a => result[a] == label), Is.EqualTo(Pieces * 5));
        });
    }

    [Test]
    public void ShouldLeavePiecesApartWhenTheBlockHasNoPrivateTie()
    {
        var (groups, membership, blocks, scorer, scored, _) = Block(cardsAcross: false);
        var (result, joined) = ClusterDetector.ConsolidateBlocks(groups, membership, blocks, scored, scorer, Share);
        Assert.That(joined, Is.Empty);
        Assert.That(result, Is.EqualTo(membership), "a block of shared prompts alone is not a campaign; its pieces stay as they were");
    }

    [Test]
    public void ShouldNotTakeAnOpenOrganisationsClusters()
    {
        var (groups, membership, blocks, scorer, scored, _) = Block(cardsAcross: true, openPerPiece: 5);
        Assert.That(scored.Values.Select(v => v.Features.Transparency), Is.All.GreaterThan(0));
        var (_, joined) = ClusterDetector.ConsolidateBlocks(groups, membership, blocks, scored, scorer, Share);
        Assert.That(joined, Is.Empty);
    }

    [Test]
    public void ShouldTakePiecesWhereOnlyAFewMembersDeclareAnOrganisation()
    {
        // Two members in five of each piece declare an institute on its own domain through the education pathway (a
        // campaign's accounts on a vetted pathway): the piece is not a team (D59).
        var (groups, membership, blocks, scorer, scored, _) = Block(cardsAcross: true, openPerPiece: 2);
        Assert.That(scored.Values.Select(v => v.Features.Transparency), Is.All.EqualTo(0.4).Within(1e-9));
        var (_, joined) = ClusterDetector.ConsolidateBlocks(groups, membership, blocks, scored, scorer, Share);
        Assert.That(joined, Has.Count.EqualTo(1));
        Assert.That(joined.Single().Value.Features.MemberCount, Is.EqualTo(Pieces * 5));

        var (_, before) = ClusterDetector.ConsolidateBlocks(groups, membership, blocks, scored, scorer, organisationShare: 0.01);
        Assert.That(before, Is.Empty, "before D59 one open member kept a piece out");
    }

    [Test]
    public void ShouldNotJoinOnTimingAlone()
    {
        // A crowd one public event moves, in pieces of three (too few for group synchrony on their own): the union of nine
        // is in step far beyond its members' own rhythms, yet has no money or address in common.
        var (groups, membership, blocks, scorer, scored, _) = Block(cardsAcross: false, pieceSize: 3, inStep: true);
        Assert.That(scored.Values.Select(v => v.Flagged), Is.All.False);
        var union = groups.SelectMany(g => g).ToArray();
        var together = (int[])membership.Clone();
        foreach (var a in union)
        {
            together[a] = 0;
        }

        var features = scorer.Features(union, 0, together);
        Assert.That(features.GroupSynchrony, Is.GreaterThanOrEqualTo(0.5), "the union is in step");
        Assert.That(scorer.Score(features).Flagged, Is.True, "with its timing the union would be flagged");

        var (_, joined) = ClusterDetector.ConsolidateBlocks(groups, membership, blocks, scored, scorer, Share);
        Assert.That(joined, Is.Empty, "timing is set aside for a block put together from pieces");
    }
}
