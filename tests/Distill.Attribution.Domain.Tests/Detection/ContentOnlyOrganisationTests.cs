using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>A flagged cluster lets an organisation go when its members are tied to the rest only by content: a benchmark team
/// (one declared organisation, its own card) that runs the public suites a ring also harvests is joined to the ring by one
/// co-use of prompts, and leaves it as a cluster of its own (<see cref="DetectionParameters.ContentOnlyOrganisationsLeave"/>).</summary>
public sealed class ContentOnlyOrganisationTests
{
    private static (AccountIndex Index, LinkSet Links) Cluster(bool teamRunsTheRingsPrompt, bool teamPaysApart)
    {
        var builder = new SnapshotBuilder();
        for (var i = 0; i < 3; i++)
        {
            builder.Account($"team-{i}", AccessPathway.Enterprise, SnapshotBuilder.T0.AddDays(-100), emailDomain: "benchco.example", org: "Bench Co");
            builder.Payment($"team-{i}", teamPaysApart ? $"card-team-{i}" : "card-benchco");
            for (var r = 0; r < 20; r++)
            {
                var prompt = teamRunsTheRingsPrompt && r == 0 ? "ring-tpl-0" : $"public-suite-{r % 4}";
                builder.Request($"team-{i}", SnapshotBuilder.T0.AddMinutes(r), capability: "reasoning_cot", prompt: prompt);
            }
        }

        for (var i = 0; i < 6; i++)
        {
            for (var r = 0; r < 20; r++)
            {
                builder.Request($"ring-{i}", SnapshotBuilder.T0.AddMinutes(r), capability: "reasoning_cot", prompt: r % 3 == 0 ? $"public-suite-{r % 4}" : $"ring-tpl-{r % 2}");
            }
        }

        // Other leaderboards run the public suites too: most of their users are outside the cluster.
        for (var i = 0; i < 12; i++)
        {
            for (var r = 0; r < 8; r++)
            {
                builder.Request($"board-{i}", SnapshotBuilder.T0.AddHours(i).AddMinutes(r), capability: "reasoning_cot", prompt: $"public-suite-{r % 4}");
            }
        }

        var snapshot = builder.Build();
        var index = AccountIndex.Build(snapshot, new DetectionParameters());
        int Id(string account) => Array.IndexOf(snapshot.AccountIds, account);
        var links = new LinkSet();
        for (var i = 0; i < 5; i++)
        {
            links.Add(Id($"ring-{i}"), Id($"ring-{i + 1}"), i % 2 == 0 ? LinkRule.SharedPayment : LinkRule.Lockstep, 1, i);
        }

        links.Add(Id("team-0"), Id("team-1"), LinkRule.SharedPayment, 1, 10);
        links.Add(Id("team-1"), Id("team-2"), LinkRule.Lockstep, 1, 11);
        links.Add(Id("team-0"), Id("ring-0"), LinkRule.CoUse, 0.8, 12, (int)CoUseKind.Template);
        links.BuildIndex(snapshot.AccountCount);
        return (index, links);
    }

    private static Dictionary<string, int> Labels(bool teamRunsTheRingsPrompt = false, bool leave = true, bool teamPaysApart = false)
    {
        var (index, links) = Cluster(teamRunsTheRingsPrompt, teamPaysApart);
        var membership = Enumerable.Range(0, index.Snapshot.AccountCount)
            .Select(a => index.Snapshot.AccountIds[a].StartsWith("board-", StringComparison.Ordinal) ? 1 + a : 0).ToArray();
        var (result, _) = ClusterDetector.DetachAddressOnlyMembers(ClusterDetector.Groups(membership), membership, links, index, 0.25,
            (label, _) => label == 0, contentOnlyOrganisationsLeave: leave);
        return Enumerable.Range(0, result.Length).Where(a => !index.Snapshot.AccountIds[a].StartsWith("board-", StringComparison.Ordinal))
            .ToDictionary(a => index.Snapshot.AccountIds[a], a => result[a]);
    }

    [Test]
    public void ShouldLetAnOrganisationTiedToTheRingOnlyByPublicPromptsLeaveAsOneCluster()
    {
        var labels = Labels();
        Assert.That(Enumerable.Range(0, 6).Select(i => labels[$"ring-{i}"]), Has.All.Zero, "the ring stays");
        var team = Enumerable.Range(0, 3).Select(i => labels[$"team-{i}"]).Distinct().ToList();
        Assert.That(team, Has.Count.EqualTo(1), "the team leaves together");
        Assert.That(team[0], Is.Not.Zero);
    }

    [Test]
    public void ShouldKeepAnOrganisationThatRunsThePromptsTheRingHolds() =>
        Assert.That(Labels(teamRunsTheRingsPrompt: true).Values, Has.All.Zero, "the ring's own prompt is the ring's content, not a public suite's");

    [Test]
    public void ShouldKeepAnOrganisationWhoseMembersEachPayWithACardOfTheirOwn() =>
        Assert.That(Labels(teamPaysApart: true).Values, Has.All.Zero, "a card per account says nothing of whose the accounts are");

    [Test]
    public void ShouldKeepTheOrganisationWithTheSwitchOff() =>
        Assert.That(Labels(leave: false).Values, Has.All.Zero);
}
