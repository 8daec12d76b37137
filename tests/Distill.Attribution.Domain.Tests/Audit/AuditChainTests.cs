using Distill.Attribution.Domain.Audit;

namespace Distill.Attribution.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void ShouldVerifyAnIntactChain() =>
        Assert.That(AuditChain.Verify(Chain(5)), Is.Null);

    [Test]
    public void ShouldVerifyAnEmptyChain() =>
        Assert.That(AuditChain.Verify([]), Is.Null);

    [Test]
    public void ShouldNameTheFirstAlteredEntry()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Outcome = "ok" == chain[2].Outcome ? "error" : "ok" };

        var broken = AuditChain.Verify(chain);

        Assert.That(broken, Is.Not.Null);
        Assert.That(broken!.Sequence, Is.EqualTo(3));
        Assert.That(broken.Reason, Does.Contain("altered"));
    }

    [Test]
    public void ShouldNameTheEntryAfterARehashedForgery()
    {
        // A forger who recomputes the altered entry's own hash still breaks the link to the next entry.
        var chain = Chain(5);
        var forged = chain[1] with { VariablesJson = "{\"id\":\"c-9\"}" };
        chain[1] = forged with { Hash = AuditChain.ComputeHash(forged) };

        var broken = AuditChain.Verify(chain);

        Assert.That(broken!.Sequence, Is.EqualTo(3));
        Assert.That(broken.Reason, Does.Contain("previous-hash"));
    }

    [Test]
    public void ShouldNameARemovedEntry()
    {
        var chain = Chain(5);
        chain.RemoveAt(3);

        var broken = AuditChain.Verify(chain);

        Assert.That(broken!.Sequence, Is.EqualTo(4));
        Assert.That(broken.Reason, Does.Contain("missing"));
    }

    [Test]
    public void ShouldGiveDifferentHashesToEntriesThatDifferOnlyInFieldBoundaries()
    {
        var a = AuditChain.Append(null, T0, "ab", "c", null, "h", "{}", "ok");
        var b = AuditChain.Append(null, T0, "a", "bc", null, "h", "{}", "ok");

        Assert.That(a.Hash, Is.Not.EqualTo(b.Hash));
    }

    private static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>();
        AuditEntry? previous = null;
        for (var i = 0; i < count; i++)
        {
            previous = AuditChain.Append(previous, T0.AddSeconds(i), "k1", "analyst", $"Op{i}", $"doc{i}", "{}", i % 2 == 0 ? "ok" : "error:FORBIDDEN");
            entries.Add(previous);
        }

        return entries;
    }
}
