using System.Text.Json;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Accounts;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Lookup;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.Accounts;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite.Investigation;

/// <summary>
/// The investigator's read model over the store tables of migration 0001: account profiles, payments, IPs (sessions
/// plus the <c>account_ip_stats</c> aggregate), request statistics (<c>account_*_stats</c>), look-ups and cluster
/// activity. A set of account ids travels as one JSON parameter (<c>json_each</c>), so any batch size is one
/// parameterised statement. Timelines and client / prompt look-ups answer from <see cref="RequestAggregates"/>
/// instead of scanning the requests table.
/// </summary>
public sealed class SqliteAccountReadModel(SqliteDatabase database, RequestAggregates aggregates) : IAccountReadModel
{
    private const string MemberKeys = "SELECT id FROM account_keys WHERE value IN (SELECT value FROM json_each($ids))";

    public Task<IReadOnlyDictionary<string, AccountDetails>> GetAccountsAsync(IReadOnlyCollection<string> accountIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var ids = JsonSerializer.Serialize(accountIds);
        return Task.FromResult<IReadOnlyDictionary<string, AccountDetails>>(database.Use(c =>
        {
            var keys = new Dictionary<long, string>();
            Each(c, "SELECT id, value FROM account_keys WHERE value IN (SELECT value FROM json_each($ids))", ids, r => keys[r.GetInt64(0)] = r.GetString(1));
            var builders = new Dictionary<long, AccountDetailsBuilder>(keys.Count);
            foreach (var (key, id) in keys)
            {
                builders[key] = new AccountDetailsBuilder(id);
            }

            Each(c, $"SELECT account, created_at, email_domain, org_name, access_pathway, country, status FROM accounts WHERE account IN ({MemberKeys})", ids, r =>
            {
                var b = builders[r.GetInt64(0)];
                b.Known = true;
                b.CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1));
                b.EmailDomain = NullableString(r, 2);
                b.OrgName = NullableString(r, 3);
                b.Pathway = ContractNames.Name((AccessPathway)r.GetInt32(4));
                b.Country = NullableString(r, 5);
                b.Status = r.IsDBNull(6) ? null : ContractNames.Name((AccountStatus)r.GetInt32(6));
            });
            Each(c, $"SELECT account, instrument, kind, bin, issuer_country, first_seen FROM payments WHERE account IN ({MemberKeys}) ORDER BY account, first_seen, instrument", ids, r =>
            {
                var b = builders[r.GetInt64(0)];
                b.Known = true;
                b.Payments.Add(new AccountPayment(r.GetString(1), r.IsDBNull(2) ? null : ContractNames.Name((PaymentKind)r.GetInt32(2)),
                    NullableString(r, 3), NullableString(r, 4), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5))));
            });
            Each(c, $"""
                SELECT s.account, i.value, count(*), min(s.seen_at), max(s.seen_at), max(s.asn), max(s.asn_org), max(s.ip_type)
                FROM sessions s JOIN ips i ON i.id = s.ip
                WHERE s.account IN ({MemberKeys}) GROUP BY s.account, s.ip
                """, ids, r =>
            {
                var b = builders[r.GetInt64(0)];
                b.Known = true;
                b.AddSessionSummary(r.GetString(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4), r.IsDBNull(5) ? null : r.GetInt64(5), NullableString(r, 6),
                    r.IsDBNull(7) ? null : (IpType)r.GetInt32(7));
            });
            Each(c, $"SELECT a.account, i.value, a.requests FROM account_ip_stats a JOIN ips i ON i.id = a.ip WHERE a.account IN ({MemberKeys})", ids, r =>
            {
                builders[r.GetInt64(0)].AddIpRequests(r.GetString(1), r.GetInt64(2));
            });
            Each(c, $"SELECT account, requests, input_tokens, output_tokens, first_ts, last_ts FROM account_stats WHERE account IN ({MemberKeys})", ids, r =>
            {
                var b = builders[r.GetInt64(0)];
                b.Known = true;
                b.Requests = r.GetInt64(1);
                b.InputTokens = r.GetInt64(2);
                b.OutputTokens = r.GetInt64(3);
                b.First = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4));
                b.Last = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5));
            });
            Each(c, $"SELECT s.account, m.value, s.requests FROM account_model_stats s JOIN models m ON m.id = s.model WHERE s.account IN ({MemberKeys}) ORDER BY s.requests DESC, m.value", ids,
                r => builders[r.GetInt64(0)].ByModel.Add(new NamedCount(r.GetString(1), r.GetInt64(2))));
            Each(c, $"SELECT s.account, k.value, s.requests FROM account_capability_stats s JOIN capabilities k ON k.id = s.capability WHERE s.account IN ({MemberKeys}) ORDER BY s.requests DESC, k.value", ids,
                r => builders[r.GetInt64(0)].ByCapability.Add(new NamedCount(r.GetString(1), r.GetInt64(2))));

            var result = new Dictionary<string, AccountDetails>(builders.Count, StringComparer.Ordinal);
            foreach (var b in builders.Values)
            {
                if (b.Known)
                {
                    result[b.Id] = b.Build();
                }
            }

            return result;
        }));
    }

    public Task<IReadOnlyList<string>> FindAccountsAsync(LookupKind kind, string value, int limit, CancellationToken ct)
    {
        if (kind is LookupKind.Client or LookupKind.PromptFingerprint)
        {
            // The requests table has no index on these columns (ingest stays append-only): the in-memory aggregate answers.
            return Task.FromResult(aggregates.AccountsUsing(kind == LookupKind.Client, value, limit));
        }

        // One statement over the contract's tables; sessions and payments have no index on the looked-up column, so an
        // IP look-up scans the (small) sessions table once.
        var sql = kind switch
        {
            LookupKind.Ip => """
                SELECT k.value FROM account_keys k WHERE k.id IN (
                    SELECT s.account FROM sessions s WHERE s.ip = (SELECT id FROM ips WHERE value = $v)
                    UNION SELECT a.account FROM account_ip_stats a WHERE a.ip = (SELECT id FROM ips WHERE value = $v))
                ORDER BY k.value LIMIT $limit
                """,
            LookupKind.PaymentFingerprint => """
                SELECT k.value FROM account_keys k WHERE k.id IN (SELECT account FROM payments WHERE instrument = $v)
                ORDER BY k.value LIMIT $limit
                """,
            LookupKind.EmailDomain => """
                SELECT k.value FROM account_keys k WHERE k.id IN (SELECT account FROM accounts WHERE email_domain = $v COLLATE NOCASE)
                ORDER BY k.value LIMIT $limit
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown look-up kind."),
        };
        return Task.FromResult<IReadOnlyList<string>>(database.Use(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$v", value);
            command.Parameters.AddWithValue("$limit", limit);
            using var r = command.ExecuteReader();
            var list = new List<string>();
            while (r.Read())
            {
                list.Add(r.GetString(0));
            }

            return list;
        }));
    }

    public Task<IReadOnlyDictionary<string, (long First, long Last)>> GetActivitySpansAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, (long First, long Last)>>(database.Use(c =>
        {
            var spans = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
            Each(c, "SELECT k.value, s.first_ts, s.last_ts FROM account_stats s JOIN account_keys k ON k.id = s.account", null,
                r => spans[r.GetString(0)] = (r.GetInt64(1), r.GetInt64(2)));
            return spans;
        }));

    public Task<IReadOnlyList<ActivityBucket>> GetActivityAsync(IReadOnlyCollection<string> accountIds, ActivityGranularity granularity, CancellationToken ct) =>
        Task.FromResult(aggregates.Activity(accountIds, granularity));

    public Task<IReadOnlyList<SharedResource>> GetSharedInfrastructureAsync(IReadOnlyCollection<string> accountIds, CancellationToken ct)
    {
        var ids = JsonSerializer.Serialize(accountIds);
        return Task.FromResult<IReadOnlyList<SharedResource>>(database.Use(c =>
        {
            var list = new List<SharedResource>();
            Each(c, $"""
                WITH inside AS (SELECT instrument, count(*) AS n FROM payments WHERE account IN ({MemberKeys}) GROUP BY instrument HAVING n >= 2),
                     total AS (SELECT instrument, count(*) AS n FROM payments WHERE instrument IN (SELECT instrument FROM inside) GROUP BY instrument)
                SELECT i.instrument, i.n, t.n - i.n FROM inside i JOIN total t USING (instrument) ORDER BY i.n DESC, i.instrument LIMIT 50
                """, ids, r => list.Add(new SharedResource("PAYMENT_FINGERPRINT", r.GetString(0), null, r.GetInt32(1), r.GetInt32(2))));
            Each(c, $"""
                WITH used AS (SELECT account, ip FROM sessions UNION SELECT account, ip FROM account_ip_stats),
                     inside AS (SELECT ip, count(*) AS n FROM used WHERE account IN ({MemberKeys}) GROUP BY ip HAVING n >= 2),
                     total AS (SELECT ip, count(*) AS n FROM used WHERE ip IN (SELECT ip FROM inside) GROUP BY ip)
                SELECT p.value, i.n, t.n - i.n FROM inside i JOIN total t USING (ip) JOIN ips p ON p.id = i.ip ORDER BY i.n DESC, p.value LIMIT 50
                """, ids, r => list.Add(new SharedResource("IP", r.GetString(0), null, r.GetInt32(1), r.GetInt32(2))));
            Each(c, $"""
                WITH used AS (SELECT DISTINCT account, asn FROM sessions WHERE asn IS NOT NULL),
                     inside AS (SELECT asn, count(*) AS n FROM used WHERE account IN ({MemberKeys}) GROUP BY asn HAVING n >= 2),
                     total AS (SELECT asn, count(*) AS n FROM used WHERE asn IN (SELECT asn FROM inside) GROUP BY asn)
                SELECT i.asn, i.n, t.n - i.n, (SELECT max(asn_org) FROM sessions s WHERE s.asn = i.asn)
                FROM inside i JOIN total t USING (asn) ORDER BY i.n DESC, i.asn LIMIT 50
                """, ids, r => list.Add(new SharedResource("ASN", r.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture), NullableString(r, 3), r.GetInt32(1), r.GetInt32(2))));
            return list;
        }));
    }

    private static void Each(SqliteConnection c, string sql, string? ids, Action<SqliteDataReader> row)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        if (ids is not null)
        {
            command.Parameters.AddWithValue("$ids", ids);
        }

        using var r = command.ExecuteReader();
        while (r.Read())
        {
            row(r);
        }
    }

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
