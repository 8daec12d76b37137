using System.Globalization;
using System.Text.Json;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Clusters;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Infrastructure.Sqlite.Investigation;

/// <summary>
/// The workbench's questions on the embedded store: members per shared payment fingerprint, IP and ASN (one
/// parameterised statement each, the member set as one JSON parameter), templates and clients and per-member
/// timelines from <see cref="RequestAggregates"/>, and the releases table.
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
            var found = new List<SharedResourceMembers>();
            // Each statement: the values used by >= 2 members (top perKind), then every member using them, then outsiders.
            Collect(c, found, "PAYMENT_FINGERPRINT", $"""
                WITH used AS (SELECT account, instrument AS v FROM payments),
                     inside AS (SELECT v, count(*) AS n FROM used WHERE account IN ({MemberKeys}) GROUP BY v HAVING n >= 2 ORDER BY n DESC, v LIMIT $limit),
                     total AS (SELECT v, count(*) AS n FROM used WHERE v IN (SELECT v FROM inside) GROUP BY v)
                SELECT u.v, k.value, i.n, t.n - i.n, NULL FROM inside i JOIN total t USING (v) JOIN used u ON u.v = i.v JOIN account_keys k ON k.id = u.account
                WHERE u.account IN ({MemberKeys}) ORDER BY i.n DESC, u.v, k.value
                """, ids, perKind);
            Collect(c, found, "IP", $"""
                WITH used AS (SELECT account, ip AS v FROM sessions UNION SELECT account, ip FROM account_ip_stats),
                     inside AS (SELECT v, count(*) AS n FROM used WHERE account IN ({MemberKeys}) GROUP BY v HAVING n >= 2 ORDER BY n DESC, v LIMIT $limit),
                     total AS (SELECT v, count(*) AS n FROM used WHERE v IN (SELECT v FROM inside) GROUP BY v)
                SELECT p.value, k.value, i.n, t.n - i.n, NULL FROM inside i JOIN total t USING (v) JOIN used u ON u.v = i.v JOIN account_keys k ON k.id = u.account
                JOIN ips p ON p.id = i.v
                WHERE u.account IN ({MemberKeys}) ORDER BY i.n DESC, p.value, k.value
                """, ids, perKind);
            Collect(c, found, "ASN", $"""
                WITH used AS (SELECT DISTINCT account, asn AS v FROM sessions WHERE asn IS NOT NULL),
                     inside AS (SELECT v, count(*) AS n FROM used WHERE account IN ({MemberKeys}) GROUP BY v HAVING n >= 2 ORDER BY n DESC, v LIMIT $limit),
                     total AS (SELECT v, count(*) AS n FROM used WHERE v IN (SELECT v FROM inside) GROUP BY v)
                SELECT CAST(i.v AS TEXT), k.value, i.n, t.n - i.n, (SELECT max(asn_org) FROM sessions s WHERE s.asn = i.v)
                FROM inside i JOIN total t USING (v) JOIN used u ON u.v = i.v JOIN account_keys k ON k.id = u.account
                WHERE u.account IN ({MemberKeys}) ORDER BY i.n DESC, i.v, k.value
                """, ids, perKind);
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

    private static void Collect(SqliteConnection c, List<SharedResourceMembers> found, string kind, string sql, string ids, int limit)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$ids", ids);
        command.Parameters.AddWithValue("$limit", limit);
        using var r = command.ExecuteReader();
        string? value = null;
        string? label = null;
        var outside = 0;
        var members = new List<string>();
        while (r.Read())
        {
            var v = r.GetString(0);
            if (value is not null && !string.Equals(v, value, StringComparison.Ordinal))
            {
                found.Add(new SharedResourceMembers(kind, value, label, [.. members], outside));
                members.Clear();
            }

            value = v;
            members.Add(r.GetString(1));
            outside = r.GetInt32(3);
            label = r.IsDBNull(4) ? null : Convert.ToString(r.GetValue(4), CultureInfo.InvariantCulture);
        }

        if (value is not null)
        {
            found.Add(new SharedResourceMembers(kind, value, label, [.. members], outside));
        }
    }
}
