using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.ContentHashing;
using SQLitePCL;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// The store's content hash (hex SHA-256), recorded with every detection run. Per table it is a multiset
/// hash of the canonical rows (<see cref="SqliteRows"/>): independent of ingest order and of row ids, and
/// different as soon as any row differs. Sessions and requests keep theirs up to date at write time
/// (<c>content_digests</c>); the small tables are hashed here.
/// </summary>
internal static class SqliteInputHash
{
    public static string Compute(sqlite3 db)
    {
        var row = new CanonicalRow();
        var tables = new (long Rows, ContentDigest Digest)[6];

        using (var accounts = new RawStatement(db, """
            SELECT k.value, a.created_at, a.email_domain, a.email_hash, a.display_name, a.org_name, a.access_pathway, a.country, a.status
            FROM accounts a JOIN account_keys k ON k.id = a.account
            """))
        {
            while (accounts.Read())
            {
                Add(ref tables[(int)RecordKind.Accounts], SqliteRows.Account(
                    row, accounts.GetText(0)!, accounts.GetInt64(1), accounts.GetText(2), accounts.GetText(3), accounts.GetText(4),
                    accounts.GetText(5), accounts.GetInt64(6), accounts.GetText(7), accounts.GetNullableInt64(8)));
            }
        }

        using (var payments = new RawStatement(db, """
            SELECT k.value, p.instrument, p.kind, p.bin, p.issuer_country, p.first_seen
            FROM payments p JOIN account_keys k ON k.id = p.account
            """))
        {
            while (payments.Read())
            {
                Add(ref tables[(int)RecordKind.Payments], SqliteRows.Payment(
                    row, payments.GetText(0)!, payments.GetText(1)!, payments.GetNullableInt64(2), payments.GetText(3),
                    payments.GetText(4), payments.GetInt64(5)));
            }
        }

        using (var releases = new RawStatement(db, "SELECT model, released_at FROM releases"))
        {
            while (releases.Read())
            {
                Add(ref tables[(int)RecordKind.Releases], SqliteRows.Release(row, releases.GetText(0)!, releases.GetInt64(1)));
            }
        }

        using (var indicators = new RawStatement(db, "SELECT operator_id, kind, value, operator_name, confidence, source FROM indicators"))
        {
            while (indicators.Read())
            {
                Add(ref tables[(int)RecordKind.Indicators], SqliteRows.Indicator(
                    row, indicators.GetText(0)!, indicators.GetInt64(1), indicators.GetText(2)!, indicators.GetText(3),
                    indicators.GetDouble(4), indicators.GetText(5)));
            }
        }

        using (var maintained = new RawStatement(db, "SELECT name, rows, digest FROM content_digests"))
        {
            while (maintained.Read())
            {
                var kind = maintained.GetText(0) switch
                {
                    SqliteRows.SessionsTable => RecordKind.Sessions,
                    SqliteRows.RequestsTable => RecordKind.Requests,
                    var other => throw new InvalidOperationException($"Unknown content digest '{other}'."),
                };
                tables[(int)kind] = (maintained.GetInt64(1), ContentDigest.FromBytes(maintained.GetBlob(2)));
            }
        }

        return StoreInputHash.Combine(tables);
    }

    private static void Add(ref (long Rows, ContentDigest Digest) table, ReadOnlySpan<byte> canonical)
    {
        table.Rows++;
        table.Digest.AddRow(canonical);
    }
}
