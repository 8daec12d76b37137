using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Graph.Csr;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>
/// Shortcuts taken for speed at scale must give exactly what the plain construction gave: the co-location graph built
/// straight from the index, co-use's postings scattered in parts side by side, and the counter-evidence's most shared
/// records picked without sorting them all.
/// </summary>
public sealed class LargeRunShortcutTests
{
    [Test]
    public void ShouldBuildTheAccountAddressGraphTheGraphBuilderBuilds()
    {
        var snapshot = new SnapshotBuilder()
            .ExitPoolReseller("rs", accounts: 60, exitPool: 40, exitsEach: 5, templatePool: 500)
            .SpreadExitHomes("home", accounts: 30, exitPool: 40)
            .HomeBackground("bg")
            .Build();
        var index = AccountIndex.Build(snapshot, new DetectionParameters());
        var accounts = snapshot.AccountCount;
        var builder = new CsrGraphBuilder(accounts + index.IpAccountCount.Length);
        for (var a = 0; a < accounts; a++)
        {
            foreach (var ip in index.IpsOf(a))
            {
                builder.AddEdge(a, accounts + ip, 1);
            }
        }

        var expected = builder.Build();
        var graph = ColocationView.AddressGraph(index);
        Assert.That(index.IpIds, Is.Not.Empty);
        Assert.That(graph.Offsets, Is.EqualTo(expected.Offsets));
        Assert.That(graph.Targets, Is.EqualTo(expected.Targets));
        Assert.That(graph.Weights, Is.EqualTo(expected.Weights));
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(120)]
    public void ShouldScatterTheCoUsePostingsAsOnePassInAccountOrderWould(int campaignAccounts)
    {
        // Parts of accounts scatter side by side; with two or three accounts there are fewer accounts than parts.
        var builder = new SnapshotBuilder().ExitPoolReseller("rs", accounts: campaignAccounts, exitPool: 40, exitsEach: 5, templatePool: 500);
        var snapshot = (campaignAccounts > 100 ? builder.HomeBackground("bg") : builder).Build();
        var index = AccountIndex.Build(snapshot, new DetectionParameters());
        var el = CoUseView.Elements(index);
        var n = snapshot.AccountCount;

        var (offsets, postings, position) = CoUseView.Postings(el, n, el.Names.Length);

        var expectedOffsets = new int[el.Names.Length + 1];
        foreach (var e in el.Ids)
        {
            expectedOffsets[e + 1]++;
        }

        for (var e = 0; e < el.Names.Length; e++)
        {
            expectedOffsets[e + 1] += expectedOffsets[e];
        }

        var expectedPostings = new int[el.Ids.Length];
        var expectedPosition = new int[el.Ids.Length];
        var cursor = (int[])expectedOffsets.Clone();
        for (var a = 0; a < n; a++)
        {
            for (var k = el.Offsets[a]; k < el.Offsets[a + 1]; k++)
            {
                expectedPostings[cursor[el.Ids[k]]++] = k;
                expectedPosition[k] = a;
            }
        }

        Assert.That(el.Ids, Is.Not.Empty);
        Assert.That(offsets, Is.EqualTo(expectedOffsets));
        Assert.That(postings, Is.EqualTo(expectedPostings));
        Assert.That(position, Is.EqualTo(expectedPosition));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(10)]
    [TestCase(500)]
    public void ShouldPickTheMostSharedRecordsASortWouldPutFirst(int count)
    {
        var random = new Random(count + 3);
        // Few outside counts, so ties are broken by the subject; IPs and instruments mixed.
        var shared = Enumerable.Range(0, 300)
            .Select(i => (Outside: random.Next(2, 9), Subject: $"s{random.Next(1000):D4}-{i}", Id: i, Ip: i % 3 != 0))
            .ToList();
        var sorted = shared.ToList();
        sorted.Sort((x, y) => y.Outside != x.Outside ? y.Outside.CompareTo(x.Outside) : string.CompareOrdinal(x.Subject, y.Subject));
        Assert.That(EvidenceBuilder.MostShared(shared, count), Is.EqualTo(sorted.Take(count).ToList()));
    }
}
