using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>Co-use's λ per account and kind: Σ over the segment's elements of min(1, degree × perDegree).</summary>
public sealed class CoUseMergeListsTests
{
    [TestCase(long.MaxValue)]
    [TestCase(0L)]
    public void ShouldSumEachSegmentsCappedDegreesWithIntOrLongRunningSums(long narrowPrefixUpTo)
    {
        const int accounts = 40, kinds = 3, elements = 600;
        var random = new Random(7);
        var kindOf = new byte[elements];
        for (var e = 0; e < elements; e++)
        {
            kindOf[e] = (byte)(e * kinds / elements); // kinds are contiguous id ranges, as in CoUseElements
        }

        var degree = Enumerable.Range(0, elements).Select(_ => random.Next(10) < 7 ? 2 + random.Next(5) : 2 + random.Next(accounts - 1)).ToArray();
        var lists = Enumerable.Range(0, accounts)
            .Select(a => Enumerable.Range(0, elements).Where(_ => random.Next(a % 4 == 0 ? 2 : 20) == 0).ToArray())
            .ToArray();
        var merge = new CoUseView.MergeLists(accounts, kinds, narrowPrefixUpTo);
        for (var a = 0; a < accounts; a++)
        {
            merge.Offsets[a + 1] = merge.Offsets[a] + lists[a].Length;
        }

        merge.Ids = [.. lists.SelectMany(l => l)];
        merge.Index(degree, kindOf);

        var checkedSegments = 0;
        for (var a = 0; a < accounts; a++)
        {
            for (var k = 0; k < kinds; k++)
            {
                var mine = lists[a].Where(e => kindOf[e] == k).ToArray();
                var (from, to) = merge.Segment(a, k, kinds);
                Assert.That(to - from, Is.EqualTo(mine.Length), $"account {a} kind {k}");
                foreach (var perDegree in new[] { 0.0, 0.01, 0.1, 0.25, 0.5, 1.0 })
                {
                    var expected = mine.Sum(e => Math.Min(1, degree[e] * perDegree));
                    Assert.That(merge.Lambda(from, to, perDegree), Is.EqualTo(expected).Within(1e-9), $"account {a} kind {k} per degree {perDegree}");
                }

                checkedSegments += mine.Length > 1 ? 1 : 0;
            }
        }

        Assert.That(checkedSegments, Is.GreaterThan(60), "segments of several elements");
    }

    [Test]
    public void ShouldCountTheElementsTwoSortedRangesShareByMergeAndBySearch()
    {
        var random = new Random(11);
        var merged = 0;
        var searched = 0;
        for (var round = 0; round < 400; round++)
        {
            // Like sizes take the merge, a short range against a 16 times longer one the search.
            var (lengthX, lengthY) = round % 2 == 0 ? (random.Next(0, 60), random.Next(0, 60)) : (random.Next(0, 8), random.Next(130, 400));
            var span = random.Next(1, 500);
            int[] Range(int length) => [.. Enumerable.Range(0, length).Select(_ => random.Next(span)).Distinct().Order()];
            var (x, y) = (Range(lengthX), Range(lengthY));
            int[] ids = [.. new int[random.Next(3)], .. x, .. y]; // a few leading slots, so the ranges do not start at 0
            var x0 = ids.Length - x.Length - y.Length;
            var expected = x.Intersect(y).Count();

            Assert.That(CoUseView.CountShared(ids, x0, x0 + x.Length, x0 + x.Length, ids.Length), Is.EqualTo(expected), $"round {round}");
            Assert.That(CoUseView.CountShared(ids, x0 + x.Length, ids.Length, x0, x0 + x.Length), Is.EqualTo(expected), $"round {round}, swapped");
            if (x.Length * 16 < y.Length || y.Length * 16 < x.Length)
            {
                searched++;
            }
            else
            {
                merged++;
            }
        }

        Assert.That(merged, Is.GreaterThan(100), "the merge taken");
        Assert.That(searched, Is.GreaterThan(100), "the search taken");
    }
}
