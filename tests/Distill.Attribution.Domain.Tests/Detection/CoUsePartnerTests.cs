using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>
/// Co-use's partner choice and verification: each account chooses at most <see cref="DetectionParameters.CoUseMaxPartners"/>
/// partners; a pair chosen by either side is verified (once, when both chose it) and counted once per side that chose it.
/// </summary>
public sealed class CoUsePartnerTests
{
    [Test]
    public void ShouldVerifyEveryPairEitherSideChoseAndCountEachChoice()
    {
        // A hub shares ten templates with each of 30 leaves, more leaves than it may choose; each leaf meets the hub alone,
        // so every hub–leaf pair is chosen by the leaf, 24 of them by the hub too. The leaves sort before and after the
        // hub, so pairs chosen by one side have that side's id below and above the other's. A couple shares ten templates
        // with each other only (chosen by both). 200 strangers with templates of their own make shared ones rare.
        var builder = new SnapshotBuilder();
        var t = SnapshotBuilder.T0;
        var leaves = Enumerable.Range(0, 15).SelectMany(i => new[] { $"a-{i:00}", $"z-{i:00}" }).ToArray();
        foreach (var leaf in leaves)
        {
            for (var k = 0; k < 10; k++)
            {
                builder.Request("m-hub", t, prompt: $"{leaf}-t{k}");
                builder.Request(leaf, t, prompt: $"{leaf}-t{k}");
            }
        }

        for (var k = 0; k < 10; k++)
        {
            builder.Request("c-0", t, prompt: $"couple-t{k}");
            builder.Request("c-1", t, prompt: $"couple-t{k}");
        }

        for (var s = 0; s < 200; s++)
        {
            for (var k = 0; k < 40; k++)
            {
                builder.Request($"s-{s:000}", t, prompt: $"s-{s}-t{k}");
            }
        }

        var snapshot = builder.Build();
        var p = new DetectionParameters();
        Assert.That(leaves, Has.Length.GreaterThan(p.CoUseMaxPartners));
        var index = AccountIndex.Build(snapshot, p);
        var pairs = CoUseView.Detect(CoUseView.Elements(index), snapshot.AccountCount, p);

        var linked = Enumerable.Range(0, pairs.Count)
            .Select(i => string.Join(" ", new[] { snapshot.AccountIds[pairs.A[i]], snapshot.AccountIds[pairs.B[i]] }.Order(StringComparer.Ordinal)))
            .ToHashSet();
        var expected = leaves.Select(leaf => string.Join(" ", new[] { leaf, "m-hub" }.Order(StringComparer.Ordinal))).Append("c-0 c-1").ToHashSet();
        Assert.That(linked, Is.EquivalentTo(expected));
        Assert.That(Enumerable.Range(0, pairs.Count).Select(i => (pairs.A[i], pairs.B[i])).Distinct().Count(), Is.EqualTo(pairs.Count), "each pair once");

        // Chosen: 24 by the hub, one by each leaf, one by each of the couple.
        Assert.That(pairs.Verified, Is.EqualTo(p.CoUseMaxPartners + leaves.Length + 2));
    }

    [Test]
    public void ShouldBoundEveryTailUpToACountByThePointProbabilityOfThatCount()
    {
        // Verification skips a kind when even sharing every element of the shorter list (m) could not reach the level:
        // sound only if P(X = m) bounds the computed tail of every count s ≤ m from below.
        foreach (var lambda in new[] { 0.01, 0.3, 1.0, 2.5, 7.0, 30.0, 120.0, 450.0, 1_500.0 })
        {
            foreach (var m in new[] { 1, 2, 3, 5, 8, 13, 40, 100, 300, 700, 2_000 })
            {
                var point = CoUseView.Log10PoissonPoint(lambda, m);
                for (var shared = 1; shared <= m; shared += Math.Max(1, m / 50))
                {
                    Assert.That(CoUseView.Log10PoissonTail(lambda, shared), Is.GreaterThanOrEqualTo(point - 1e-9), $"λ {lambda}, m {m}, shared {shared}");
                }
            }
        }
    }
}
