using Distill.Attribution.Domain.Records;
using Distill.Attribution.Sqlite;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite;

/// <summary>
/// The snapshot reads each IP's attributes in one pass over the sessions in any order; it must give what SQLite's
/// <c>ORDER BY ip, seen_at, asn, asn_org, ip_type</c> read in order, latest non-null value winning, gave.
/// </summary>
public sealed class IpAttributeWinnersTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void ShouldPickTheValuesTheSqliteOrderPicksWhateverTheSessionOrder(int seed)
    {
        var random = new Random(seed);
        // Few times and few values, so ties on seen_at (and on asn) are common; names that order differently in UTF-16 and
        // UTF-8 (a surrogate pair against a character from U+E000 up), and absent values.
        string?[] orgs = [null, "Acme", "acme", "Acme Ltd", "\uE000 Org", "\uD83D\uDE00 Org", "\uFFFD", "", "Zeta"];
        long?[] asns = [null, 64500, 64501, 7];
        var sessions = Enumerable.Range(0, 3_000).Select(_ => (
            Ip: random.Next(40),
            Key: new IpAttributeWinners.SessionKey(
                random.Next(6),
                asns[random.Next(asns.Length)],
                orgs[random.Next(orgs.Length)],
                random.Next(4) == 0 ? null : (IpType)random.Next(0, 4)))).ToList();

        using var db = new SqliteConnection("Data Source=:memory:");
        db.Open();
        using (var create = db.CreateCommand())
        {
            create.CommandText = "CREATE TABLE s (ip INTEGER, seen_at INTEGER, asn INTEGER, asn_org TEXT, ip_type INTEGER)";
            create.ExecuteNonQuery();
        }

        foreach (var (ip, key) in sessions)
        {
            using var insert = db.CreateCommand();
            insert.CommandText = "INSERT INTO s VALUES ($ip, $seen, $asn, $org, $type)";
            insert.Parameters.AddWithValue("$ip", ip);
            insert.Parameters.AddWithValue("$seen", key.SeenAt);
            insert.Parameters.AddWithValue("$asn", (object?)key.Asn ?? DBNull.Value);
            insert.Parameters.AddWithValue("$org", (object?)key.AsnOrg ?? DBNull.Value);
            insert.Parameters.AddWithValue("$type", key.Type is { } t ? (int)t : DBNull.Value);
            insert.ExecuteNonQuery();
        }

        var expectedAsn = new long?[40];
        var expectedOrg = new string?[40];
        var expectedType = new IpType?[40];
        using (var select = db.CreateCommand())
        {
            select.CommandText = """
                SELECT ip, asn, asn_org, ip_type FROM s WHERE asn IS NOT NULL OR asn_org IS NOT NULL OR ip_type IS NOT NULL
                ORDER BY ip, seen_at, asn, asn_org, ip_type
                """;
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var ip = reader.GetInt32(0);
                expectedAsn[ip] = reader.IsDBNull(1) ? expectedAsn[ip] : reader.GetInt64(1);
                expectedOrg[ip] = reader.IsDBNull(2) ? expectedOrg[ip] : reader.GetString(2);
                expectedType[ip] = reader.IsDBNull(3) ? expectedType[ip] : (IpType)reader.GetInt32(3);
            }
        }

        for (var shuffle = 0; shuffle < 3; shuffle++)
        {
            var winners = new IpAttributeWinners(40);
            foreach (var (ip, key) in sessions.OrderBy(_ => random.Next()))
            {
                if (winners.MayWin(ip, key.SeenAt, key.Asn is not null, key.AsnOrg is not null, key.Type is not null))
                {
                    winners.Offer(ip, key);
                }
            }

            Assert.That(Enumerable.Range(0, 40).Select(winners.Asn), Is.EqualTo(expectedAsn));
            Assert.That(Enumerable.Range(0, 40).Select(winners.AsnOrg), Is.EqualTo(expectedOrg));
            Assert.That(Enumerable.Range(0, 40).Select(winners.Type), Is.EqualTo(expectedType));
        }
    }

    [Test]
    public void ShouldCompareTextInUtf8ByteOrder()
    {
        string[] values = ["a", "ab", "", "\uE000", "\uFFFF", "\uD83D\uDE00", "\uD800\uDC00", "\u00E9", "z"];
        foreach (var x in values)
        {
            foreach (var y in values)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(y));
                Assert.That(Math.Sign(IpAttributeWinners.CompareUtf8(x, y)), Is.EqualTo(Math.Sign(bytes)), $"{x} vs {y}");
            }
        }
    }
}
