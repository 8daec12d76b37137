using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>A flagged cluster keeps only members tied to it beyond addresses and public software: a VPN's ordinary user
/// on the exit a ring rents leaves it; a ring member with money, timing or the ring's prompts in common stays.</summary>
public sealed class AddressOnlyMemberTests
{
    // ring-0..2 run the ring's two prompts; "vpn" runs its own; "exit" rides the ring's exits but runs the ring's prompts.
    private static readonly string[] Accounts = ["ring-0", "ring-1", "ring-2", "vpn", "exit"];

    private static (AccountIndex Index, LinkSet Links) Cluster()
    {
        var builder = new SnapshotBuilder();
        foreach (var account in Accounts)
        {
            for (var r = 0; r < 20; r++)
            {
                var prompt = account == "vpn" ? $"vpn-own-{r % 5}" : $"ring-tpl-{r % 2}";
                builder.Request(account, SnapshotBuilder.T0.AddMinutes(r), capability: "reasoning_cot", prompt: prompt);
            }
        }

        var snapshot = builder.Build();
        var index = AccountIndex.Build(snapshot, new DetectionParameters());
        int Id(string account) => Array.IndexOf(snapshot.AccountIds, account);
        var links = new LinkSet();
        links.Add(Id("ring-0"), Id("ring-1"), LinkRule.SharedPayment, 1, 0);
        links.Add(Id("ring-1"), Id("ring-2"), LinkRule.Lockstep, 1, 1);
        links.Add(Id("vpn"), Id("ring-0"), LinkRule.CoUse, 0.8, 2, (int)CoUseKind.Ip);
        links.Add(Id("vpn"), Id("ring-2"), LinkRule.SharedIp, 0.6, 3);
        links.Add(Id("exit"), Id("ring-1"), LinkRule.CoUse, 0.8, 4, (int)CoUseKind.Subnet);
        links.BuildIndex(snapshot.AccountCount);
        return (index, links);
    }

    private static string[] Remaining(bool flagged, double minPromptShare = 0.25)
    {
        var (index, links) = Cluster();
        var membership = new int[index.Snapshot.AccountCount];
        var groups = ClusterDetector.Groups(membership);
        var (result, changed) = ClusterDetector.DetachAddressOnlyMembers(groups, membership, links, index, minPromptShare, (_, _) => flagged);
        Assert.That(changed.Count > 0, Is.EqualTo(result.Any(l => l != 0)));
        return [.. Enumerable.Range(0, result.Length).Where(a => result[a] == 0).Select(a => index.Snapshot.AccountIds[a]).Order(StringComparer.Ordinal)];
    }

    [Test]
    public void ShouldDetachAMemberTiedOnlyThroughAddresses() =>
        Assert.That(Remaining(flagged: true), Is.EqualTo(new[] { "exit", "ring-0", "ring-1", "ring-2" }));

    [Test]
    public void ShouldKeepAnAddressOnlyMemberOnlyBecauseItRunsTheClustersPrompts() =>
        Assert.That(Remaining(flagged: true, minPromptShare: 1.01), Is.EqualTo(new[] { "ring-0", "ring-1", "ring-2" }),
            "with no prompt share enough, the member on the ring's exits running its prompts leaves too");

    [Test]
    public void ShouldLeaveAnUnflaggedClusterAsItIs() =>
        Assert.That(Remaining(flagged: false), Has.Length.EqualTo(5));
}
