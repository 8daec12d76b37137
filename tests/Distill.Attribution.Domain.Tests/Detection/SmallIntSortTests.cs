using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Domain.Tests.Detection;

public sealed class SmallIntSortTests
{
    [TestCase(0, 10)]
    [TestCase(5, 10)]
    [TestCase(SmallIntSort.RadixFrom - 1, 1_000)]
    [TestCase(SmallIntSort.RadixFrom, 1_000)]
    [TestCase(500, 1)]
    [TestCase(500, 2)]
    [TestCase(500, 256)]
    [TestCase(500, 257)]
    [TestCase(3_000, 62_760)]
    [TestCase(10_000, 4_894_688)]
    [TestCase(10_000, int.MaxValue)]
    public void ShouldSortLikeAComparisonSort(int length, int bound)
    {
        var random = new Random(length ^ bound);
        foreach (var skew in new[] { false, true })
        {
            // Skewed: most values below 256, as element degrees are, so whole byte passes are skipped.
            var values = Enumerable.Range(0, length).Select(_ => skew && random.Next(4) > 0 ? random.Next(Math.Min(bound, 256)) : random.Next(bound)).ToArray();
            var expected = values.Order().ToArray();
            var scratch = new int[length + 3];

            SmallIntSort.Sort(values, scratch, bound);

            Assert.That(values, Is.EqualTo(expected), $"skew {skew}");
        }
    }

    [Test]
    public void ShouldRefuseValuesOutsideTheBoundAndAShortScratch()
    {
        var values = Enumerable.Range(0, SmallIntSort.RadixFrom).Reverse().ToArray();
        Assert.That(() => SmallIntSort.Sort(values, new int[values.Length], SmallIntSort.RadixFrom - 1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => SmallIntSort.Sort([.. values.Select(v => -v - 1)], new int[values.Length], 10), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => SmallIntSort.Sort(values, new int[values.Length - 1], values.Length), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(values, Is.EqualTo(Enumerable.Range(0, SmallIntSort.RadixFrom).Reverse()), "left as it was");
    }
}
