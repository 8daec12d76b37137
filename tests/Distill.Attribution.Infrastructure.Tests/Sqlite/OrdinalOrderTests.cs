using Distill.Attribution.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite;

/// <summary>
/// The snapshot's dense ids are ranks in ordinal order; the packed-key sort must give exactly that order. Its sessions are
/// ordered by (account, address) with counting passes that must give the order a sort of the packed pairs gave.
/// </summary>
public sealed class OrdinalOrderTests
{
    [Test]
    public void ShouldOrderHexFingerprintsAsTheOrdinalComparerDoes()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 20_000).Select(_ => random.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture))
            .Concat(["0000", "000", "", "ffffffffffffffff", "ffffffffffffffff0"]).ToList();
        AssertOrdinal(values);
    }

    [Test]
    public void ShouldOrderPrefixesNulCharactersAndTextBeyondLatin1AsTheOrdinalComparerDoes()
    {
        // Shorter strings that are prefixes, embedded NUL (ties with the key's padding), characters above U+00FF (the
        // four-unit keys), and values sharing their first eight characters.
        List<string> values =
        [
            "a", "a\0", "a\0b", "ab", "abcdefgh", "abcdefgh1", "abcdefgh0", "abcdefghz", "Z", "\u00FF", "\u0100", "é", "日本",
            "日本語", "\uFFFF", "", "acct_00001", "acct_0000", "acct_00001x", "ß", "ss", "A", "a",
        ];
        AssertOrdinal(values);
        AssertOrdinal([.. values.Where(v => v.All(c => c <= '\u00FF'))]);
    }

    [Test]
    public void ShouldOrderValuesThatShareAPrefixAsTheOrdinalComparerDoes()
    {
        // Fingerprints named "tpl_" and hex: the key starts after the shared prefix. The prefix alone, extensions past the
        // key's eight units, NUL right after the prefix, and a set of equal values.
        var random = new Random(7);
        var values = Enumerable.Range(0, 20_000).Select(_ => "tpl_" + random.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture))
            .Concat(["tpl_", "tpl_0", "tpl_\0", "tpl_00000000", "tpl_000000000", "tpl_00000000\0", "tpl_ffffffffffffffff", "tpl_ffffffffffffffff"]).ToList();
        AssertOrdinal(values);
        AssertOrdinal([.. values.Select(v => "日" + v)]);
        AssertOrdinal(["same", "same", "same"]);
        AssertOrdinal(["tpl_b", "tpl_a", "tp"]);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(5_000)]
    public void ShouldOrderSessionsByAccountThenAddressAsTheirPackedKeysSort(int count)
    {
        // Sessions in no particular order, each (account, address) once; address keys map to dense ids out of key order,
        // and some keys (and ids) no session uses.
        var random = new Random(count + 11);
        const int accounts = 97, keys = 400;
        var ipDense = Enumerable.Range(0, keys).Select(k => (k * 173) % keys).ToArray();
        var pairs = Enumerable.Range(0, accounts * keys).OrderBy(_ => random.Next()).Take(count).ToArray();
        var account = pairs.Select(p => p / keys).ToArray();
        var ipKey = pairs.Select(p => p % keys).ToArray();

        var order = SqliteSnapshotReader.SessionOrder(account, ipKey, ipDense, accounts, keys);

        var expected = Enumerable.Range(0, count).OrderBy(i => ((long)account[i] << 32) | (uint)ipDense[ipKey[i]]).ToArray();
        Assert.That(order, Is.EqualTo(expected));
    }

    private static void AssertOrdinal(List<string> values)
    {
        var order = SqliteSnapshotReader.OrdinalOrder(values);
        var expected = values.ToArray();
        Array.Sort(expected, StringComparer.Ordinal);
        Assert.That(order.Select(i => values[i]), Is.EqualTo(expected));
        Assert.That(order.Distinct().Count(), Is.EqualTo(values.Count), "a permutation");
    }
}
