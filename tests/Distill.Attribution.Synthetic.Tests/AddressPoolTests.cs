namespace Distill.Attribution.Synthetic.Tests;

/// <summary>Address pools larger than one /16 (65,024 addresses) end: past the draws one prefix allows, addresses move to
/// another /16 of the same /8. Before, the generator drew from the full /16 for ever (`generate --scale 5` never
/// finished planning).</summary>
public sealed class AddressPoolTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void ShouldFillAPoolLargerThanItsPrefix(bool contiguous)
    {
        var world = new WorldBuilder(new SyntheticOptions { Scale = 0.01, Seed = 3 });
        var pool = world.Pool(70_000, ["45.90"], [(64500, "Example Net")], "residential", 0, allowV6: false, contiguous);
        var texts = pool.Select(i => world.Ips[i].Text).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(texts.Distinct().Count(), Is.EqualTo(70_000));
            Assert.That(texts, Is.All.StartsWith("45."), "the same /8");
            Assert.That(texts.Count(t => t.StartsWith("45.90.", StringComparison.Ordinal)), Is.GreaterThan(contiguous ? 1_000 : 60_000),
                "the prefix asked for first");
        });
    }
}
