using System.Globalization;
using System.Text.Json;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Clusters;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite.Investigation;

/// <summary>
/// The workbench's questions on the embedded store: members per shared payment fingerprint, IP and ASN (the members'
/// pairs through the tables' account-first keys, the member set as one JSON parameter, then the total users of the
/// kept values only), templates and clients and per-member timelines from <see cref="RequestAggregates"/>, and the
/// releases table. (A first version joined every user of every shared value back to the members in SQL: 30 s for a
/// 2,000-member cluster.)
/// </summary>
public sealed class SqliteClusterGraphReadModel(SqliteDatabase database, RequestAggregates aggregates) : IClusterGraphReadModel
{
    private const string MemberKeys = "SELECT id FROM account_keys WHERE value IN (SELECT value FROM json_each($ids))";

    public Task<IReadOnlyList<SharedResourceMembers>> GetSharedResourceMembersAsync(IReadOnlyCollection<string> accountIds, int perKind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var ids = JsonSerializer.Serialize(accountIds);
        var list = database.Use(c =>
        {
            // Per kind: the members' (value, member) pairs through the tables' account-first keys, grouped here; then the
            // total users of the kept values only (an outside count for at most perKind values).
            var found = new List<SharedResourceMembers>();
            var payments = Top(Pairs(c, $"SELECT p.instrument, k.value FROM payments p JOIN account_keys k ON k.id = p.account WHERE p.account IN ({MemberKeys})", ids), perKind);
            var paymentTotals = Totals(c, "SELECT instrument, count(*), NULL FROM payments WHERE instrument IN (SELECT value FROM json_each($vals)) GROUP BY instrument", payments);
            Add(found, "PAYMENT_FINGERPRINT", payments, paymentTotals);
            var ips = Top(Pairs(c, $"""
                SELECT i.value, k.value FROM (SELECT account, ip FROM sessions WHERE account IN ({MemberKeys})
                                              UNION SELECT account, ip FROM account_ip_stats WHERE account IN ({MemberKeys})) u
                JOIN ips i ON i.id = u.ip JOIN account_keys k ON k.id = u.account
                """, ids), perKind);
            var ipTotals = Totals(c, """
                WITH wanted AS (SELECT id FROM ips WHERE value IN (SELECT value FROM json_each($vals))),
                     used AS (SELECT account, ip FROM sessions WHERE ip IN (SELECT id FROM wanted) UNION SELECT account, ip FROM account_ip_stats WHERE ip IN (SELECT id FROM wanted))
                SELECT i.value, count(*), NULL FROM used JOIN ips i ON i.id = used.ip GROUP BY used.ip
                """, ips);
            Add(found, "IP", ips, ipTotals);
            var asns = Top(Pairs(c, $"SELECT DISTINCT CAST(s.asn AS TEXT), k.value FROM sessions s JOIN account_keys k ON k.id = s.account WHERE s.account IN ({MemberKeys}) AND s.asn IS NOT NULL", ids), perKind);
            var asnTotals = Totals(c, "SELECT CAST(asn AS TEXT), count(DISTINCT account), max(asn_org) FROM sessions WHERE asn IN (SELECT CAST(value AS INTEGER) FROM json_each($vals)) GROUP BY asn", asns);
            Add(found, "ASN", asns, asnTotals);
            return found;
        });
        foreach (var (kind, byClient) in new[] { ("PROMPT_FINGERPRINT", false), ("CLIENT", true) })
        {
            foreach (var (value, members, outside) in aggregates.SharedValues(byClient, accountIds, perKind))
            {
                list.Add(new SharedResourceMembers(kind, value, null, members, outside));
            }
        }

        return Task.FromResult<IReadOnlyList<SharedResourceMembers>>(list);
    }

    public Task<MemberTimeline> GetMemberActivityAsync(IReadOnlyCollection<string> accountIds, ActivityGranularity granularity, CancellationToken ct) =>
        Task.FromResult(aggregates.MemberActivity(accountIds, granularity));

    public Task<IReadOnlyList<ModelRelease>> GetModelReleasesAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ModelRelease>>(database.Use(c =>
        {
            var list = new List<ModelRelease>();
            using var command = c.CreateCommand();
            command.CommandText = "SELECT model, released_at FROM releases ORDER BY released_at, model";
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                list.Add(new ModelRelease(r.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1))));
            }

            return list;
        }));

    private static Dictionary<string, SortedSet<string>> Pairs(SqliteConnection c, string sql, string ids)
    {
        var byValue = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$ids", ids);
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var value = r.GetString(0);
            if (!byValue.TryGetValue(value, out var members))
            {
                byValue[value] = members = new SortedSet<string>(StringComparer.Ordinal);
            }

            members.Add(r.GetString(1));
        }

        return byValue;
    }

    /// <summary>Values used by at least two members, most used first (then by value), at most <paramref name="limit"/>.</summary>
    private static List<(string Value, string[] Members)> Top(Dictionary<string, SortedSet<string>> byValue, int limit)
    {
        var shared = new List<(string Value, string[] Members)>();
        foreach (var (value, members) in byValue)
        {
            if (members.Count >= 2)
            {
                shared.Add((value, [.. members]));
            }
        }

        shared.Sort(static (a, b) => a.Members.Length != b.Members.Length ? b.Members.Length.CompareTo(a.Members.Length) : string.CompareOrdinal(a.Value, b.Value));
        return shared.Count <= limit ? shared : shared[..Math.Max(limit, 0)];
    }

    /// <summary>All users (inside and outside) and a label of each kept value.</summary>
    private static Dictionary<string, (int Users, string? Label)> Totals(SqliteConnection c, string sql, List<(string Value, string[] Members)> values)
    {
        var totals = new Dictionary<string, (int, string?)>(StringComparer.Ordinal);
        if (values.Count == 0)
        {
            return totals;
        }

        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$vals", JsonSerializer.Serialize(values.ConvertAll(v => v.Value)));
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            totals[r.GetString(0)] = (r.GetInt32(1), r.IsDBNull(2) ? null : Convert.ToString(r.GetValue(2), CultureInfo.InvariantCulture));
        }

        return totals;
    }

    private static void Add(List<SharedResourceMembers> found, string kind, List<(string Value, string[] Members)> values, Dictionary<string, (int Users, string? Label)> totals)
    {
        foreach (var (value, members) in values)
        {
            var (users, label) = totals.GetValueOrDefault(value, (members.Length, null));
            found.Add(new SharedResourceMembers(kind, value, label, members, Math.Max(0, users - members.Length)));
        }
    }
}
