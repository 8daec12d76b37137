using System.Text;
using Distill.Attribution.Application.Ingestion.Validation;

namespace Distill.Attribution.Application.Tests.Ingestion.Validation;

public sealed class Utf8StringCacheTests
{
    [Test]
    public void ShouldHandTheSameStringForEveryRepeatOfAValueAmongManyDistinctOnes()
    {
        // More distinct values than the lossy cache it replaced had slots, met in an order with no locality.
        var cache = new Utf8StringCache();
        var values = Enumerable.Range(0, 50_000).Select(i => $"{i * 2654435761L:x16}").ToArray();
        var first = values.Select(v => cache.Get(Encoding.UTF8.GetBytes(v))).ToArray();
        var order = Enumerable.Range(0, values.Length).Select(i => i * 7919 % values.Length);
        foreach (var i in order)
        {
            var again = cache.Get(Encoding.UTF8.GetBytes(values[i]));
            Assert.That(again, Is.SameAs(first[i]));
            Assert.That(again, Is.EqualTo(values[i]));
        }

        Assert.That(cache.Count, Is.EqualTo(values.Length));
    }

    [TestCase("Zürich-ü")]
    [TestCase("a")]
    [TestCase("")]
    public void ShouldDecodeAnyValueExactly(string value)
    {
        var cache = new Utf8StringCache();
        var bytes = Encoding.UTF8.GetBytes(value);
        Assert.That(cache.Get(bytes), Is.EqualTo(value));
        Assert.That(cache.Get(bytes), Is.EqualTo(value));
    }

    [Test]
    public void ShouldDecodeInvalidUtf8AndLongValuesAsTheDecoderDoes()
    {
        var cache = new Utf8StringCache();
        byte[] invalid = [(byte)'a', 0xFF, (byte)'b'];
        var ascii = "a?b"u8.ToArray();
        var longValue = Encoding.UTF8.GetBytes(new string('x', 65));
        Assert.Multiple(() =>
        {
            Assert.That(cache.Get(invalid), Is.EqualTo(Encoding.UTF8.GetString(invalid)));
            Assert.That(cache.Get(ascii), Is.EqualTo("a?b"));
            Assert.That(cache.Get(invalid), Is.EqualTo(Encoding.UTF8.GetString(invalid)));
            Assert.That(cache.Get(longValue), Is.EqualTo(new string('x', 65)));
        });
    }

    [Test]
    public void ShouldStartOverWhenFullAndStayExact()
    {
        var cache = new Utf8StringCache(maxEntries: 100);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 250; i++)
            {
                Assert.That(cache.Get(Encoding.UTF8.GetBytes($"value-{i}")), Is.EqualTo($"value-{i}"));
            }
        }

        Assert.That(cache.Count, Is.LessThanOrEqualTo(100));
    }

    [Test]
    public void ShouldGiveTheSameStringThroughPrefetchAsWithoutItEvenIfTheTableGrewOrStartedOverInBetween()
    {
        // The parser hashes a row's fields (Prefetch) before it looks them up; the table may grow or start over in
        // between, and a hash taken before must still find the value, or add it once.
        var cache = new Utf8StringCache(maxEntries: 300);
        var plain = new Utf8StringCache(maxEntries: 300);
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = Encoding.UTF8.GetBytes($"{i % 700 * 2654435761L:x16}");
            var hash = cache.Prefetch(bytes);
            cache.PrefetchValue(hash);
            cache.Get(Encoding.UTF8.GetBytes($"filler-{i}"));
            var viaPrefetch = cache.Get(bytes, hash);
            Assert.That(viaPrefetch, Is.EqualTo(plain.Get(bytes)));
            Assert.That(cache.Get(bytes), Is.SameAs(viaPrefetch));
        }

        byte[] longValue = Encoding.UTF8.GetBytes(new string('y', 80));
        Assert.That(cache.Get(longValue, cache.Prefetch(longValue)), Is.EqualTo(new string('y', 80)));
    }
}
