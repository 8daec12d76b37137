using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>Pieces of one concealed block (cut apart by the clustering's density bar) become one cluster when the block
/// is flagged on money and infrastructure; open teams and crowds moved only by a shared event stay apart.</summary>
public sealed class BlockConsolidationTests
{
    private const int Pieces = 3;

    /// <summary>Three pieces of five accounts running one prompt library on reasoning over ten days, beside thirty ordinary
    /// chat users. With <paramref name="cardsAcross"/> each member shares a card with a member of the next piece (never
    /// inside its own piece); <paramref name="org"/> makes each piece declare its own organisation from its own domain;
    /// <paramref name="inStep"/> puts all members' requests in the same few minutes of each day.</summary>
    private static (List<int[]> Groups, int[] Membership, int[] Blocks, ClusterScorer Scorer,
        Dictionary<int, (ClusterFeatures Features, double Risk, bool Flagged)> Scored) Block(bool cardsAcross, bool org = false,
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
                builder.Account(account, AccessPathway.SelfServe, emailDomain: org ? $"team-{p}.test" : "webmail.test", org: org ? $"Team {p}" : null);
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
        return (groups, membership, blocks, scorer, scored);
    }

    [Test]
    public void ShouldJoinThePiecesOfABlockTiedByCardsAcrossThem()
    {
        var (groups, membership, blocks, scorer, scored) = Block(cardsAcross: true);
        Assert.That(scored.Values.Select(v => v.Flagged), Is.All.False, "no piece holds both ends of a card: none is coordinated alone");

        var (result, joined) = ClusterDetector.ConsolidateBlocks(groups, membership, blocks, scored, scorer);
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
    public void ShouldLeavePiecesApartWhenTheBlockHasNoPrivateTie()
    {
        var (groups, membership, blocks, scorer, scored) = Block(cardsAcross: false);
        var (result, joined) = ClusterDetector.ConsolidateBlocks(groups, membership, blocks, scored, scorer);
        Assert.That(joined, Is.Empty);
        Assert.That(result, Is.EqualTo(membership), "a block of shared prompts alone is not a campaign; its pieces stay as they were");
    }

    [Test]
    public void ShouldNotTakeAnOpenOrganisationsClusters()
    {
        var (groups, membership, blocks, scorer, scored) = Block(cardsAcross: true, org: true);
        Assert.That(scored.Values.Select(v => v.Features.Transparency), Is.All.GreaterThan(0));
        var (_, joined) = ClusterDetector.ConsolidateBlocks(groups, membership, blocks, scored, scorer);
        Assert.That(joined, Is.Empty);
    }

    [Test]
    public void ShouldNotJoinOnTimingAlone()
    {
        // A crowd one public event moves, in pieces of three (too few for group synchrony on their own): the union of nine
        // is in step far beyond its members' own rhythms, yet has no money or address in common.
        var (groups, membership, blocks, scorer, scored) = Block(cardsAcross: false, pieceSize: 3, inStep: true);
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

        var (_, joined) = ClusterDetector.ConsolidateBlocks(groups, membership, blocks, scored, scorer);
        Assert.That(joined, Is.Empty, "timing is set aside for a block put together from pieces");
    }
}
