using System.Text.Json;
using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.Sqlite.Sources;

/// <summary>
/// Every request of a cluster's members in one pass over the requests table, grouped by model and capability
/// (the member ids go in as one JSON parameter, never spliced into the SQL), with each model's release date.
/// </summary>
internal sealed class SqliteClusterActivityReader(SqliteStoreOptions options) : IClusterActivityReader
{
    private const string ActivitySql = """
        SELECT m.value, c.value, COUNT(*), MIN(r.ts), MAX(r.ts)
        FROM requests r JOIN models m ON m.id = r.model LEFT JOIN capabilities c ON c.id = r.capability
        WHERE r.account IN (SELECT k.id FROM account_keys k JOIN json_each($members) j ON j.value = k.value)
        GROUP BY r.model, r.capability
        """;

    public Task<ClusterActivity?> ReadAsync(IReadOnlyList<string> accounts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        using var connection = SqliteConnections.Open(options, forReading: true);
        var releases = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT model, released_at FROM releases";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                releases[r.GetString(0)] = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1));
            }
        }

        var models = new SortedDictionary<string, (long Count, long First, long Last)>(StringComparer.Ordinal);
        var capabilities = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = ActivitySql;
            cmd.Parameters.AddWithValue("$members", JsonSerializer.Serialize(accounts));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                ct.ThrowIfCancellationRequested();
                var model = r.GetString(0);
                var capability = r.IsDBNull(1) ? "(none)" : r.GetString(1);
                var (count, first, last) = (r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
                total += count;
                models[model] = models.TryGetValue(model, out var m) ? (m.Count + count, Math.Min(m.First, first), Math.Max(m.Last, last)) : (count, first, last);
                capabilities[capability] = capabilities.GetValueOrDefault(capability) + count;
            }
        }

        var byModel = new List<ModelActivity>(models.Count);
        foreach (var (model, (count, first, last)) in models)
        {
            byModel.Add(new ModelActivity(model, count, Time(first), Time(last), releases.TryGetValue(model, out var at) ? at : null));
        }

        var byCapability = new List<CapabilityActivity>(capabilities.Count);
        foreach (var (capability, count) in capabilities)
        {
            byCapability.Add(new CapabilityActivity(capability, count));
        }

        DateTimeOffset? firstAll = byModel.Count == 0 ? null : byModel.Min(m => m.First);
        DateTimeOffset? lastAll = byModel.Count == 0 ? null : byModel.Max(m => m.Last);
        return Task.FromResult<ClusterActivity?>(new ClusterActivity(total, firstAll, lastAll, byModel, byCapability));
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
