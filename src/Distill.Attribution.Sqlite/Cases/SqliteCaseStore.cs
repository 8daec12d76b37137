using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Cases;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite.Cases;

/// <summary>Verdicts and operator overrides in the store file (migration 0004); rows are only ever added.</summary>
public sealed class SqliteCaseStore(SqliteDatabase database) : ICaseStore
{
    private const string VerdictColumns = "id, cluster_id, run_id, verdict, note, key_id, role, recorded_at";
    private const string OverrideColumns = "id, cluster_id, run_id, original_operator_id, operator_id, reason, key_id, role, recorded_at";

    public Task<VerdictRecord> AddVerdictAsync(VerdictRecord verdict, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var id = database.Use(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                INSERT INTO verdicts(cluster_id, run_id, verdict, note, key_id, role, recorded_at)
                VALUES ($cluster, $run, $verdict, $note, $key, $role, $at) RETURNING id
                """;
            command.Parameters.AddWithValue("$cluster", verdict.ClusterId);
            command.Parameters.AddWithValue("$run", verdict.RunId);
            command.Parameters.AddWithValue("$verdict", (int)verdict.Verdict);
            command.Parameters.AddWithValue("$note", (object?)verdict.Note ?? DBNull.Value);
            command.Parameters.AddWithValue("$key", verdict.KeyId);
            command.Parameters.AddWithValue("$role", verdict.Role);
            command.Parameters.AddWithValue("$at", verdict.RecordedAt.ToUnixTimeMilliseconds());
            return (long)command.ExecuteScalar()!;
        });
        return Task.FromResult(verdict with { Id = id, RecordedAt = DateTimeOffset.FromUnixTimeMilliseconds(verdict.RecordedAt.ToUnixTimeMilliseconds()) });
    }

    public Task<IReadOnlyList<VerdictRecord>> GetVerdictsAsync(string clusterId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<VerdictRecord>>(database.Use(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = $"SELECT {VerdictColumns} FROM verdicts WHERE cluster_id = $cluster ORDER BY id";
            command.Parameters.AddWithValue("$cluster", clusterId);
            using var r = command.ExecuteReader();
            var list = new List<VerdictRecord>();
            while (r.Read())
            {
                list.Add(new VerdictRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), (Verdict)r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4),
                    r.GetString(5), r.GetString(6), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7))));
            }

            return list;
        }));

    public Task<OperatorOverride> AddOverrideAsync(OperatorOverride change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        var id = database.Use(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                INSERT INTO operator_overrides(cluster_id, run_id, original_operator_id, operator_id, reason, key_id, role, recorded_at)
                VALUES ($cluster, $run, $original, $operator, $reason, $key, $role, $at) RETURNING id
                """;
            command.Parameters.AddWithValue("$cluster", change.ClusterId);
            command.Parameters.AddWithValue("$run", change.RunId);
            command.Parameters.AddWithValue("$original", (object?)change.OriginalOperatorId ?? DBNull.Value);
            command.Parameters.AddWithValue("$operator", change.OperatorId);
            command.Parameters.AddWithValue("$reason", change.Reason);
            command.Parameters.AddWithValue("$key", change.KeyId);
            command.Parameters.AddWithValue("$role", change.Role);
            command.Parameters.AddWithValue("$at", change.RecordedAt.ToUnixTimeMilliseconds());
            return (long)command.ExecuteScalar()!;
        });
        return Task.FromResult(change with { Id = id, RecordedAt = DateTimeOffset.FromUnixTimeMilliseconds(change.RecordedAt.ToUnixTimeMilliseconds()) });
    }

    public Task<IReadOnlyList<OperatorOverride>> GetOverridesAsync(string clusterId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OperatorOverride>>(ReadOverrides($"SELECT {OverrideColumns} FROM operator_overrides WHERE cluster_id = $cluster ORDER BY id", clusterId));

    public Task<IReadOnlyDictionary<string, OperatorOverride>> GetLatestOverridesAsync(CancellationToken ct)
    {
        var latest = new Dictionary<string, OperatorOverride>(StringComparer.Ordinal);
        foreach (var o in ReadOverrides($"SELECT {OverrideColumns} FROM operator_overrides ORDER BY id", null))
        {
            latest[o.ClusterId] = o; // later rows replace earlier ones
        }

        return Task.FromResult<IReadOnlyDictionary<string, OperatorOverride>>(latest);
    }

    private List<OperatorOverride> ReadOverrides(string sql, string? clusterId) => database.Use(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        if (clusterId is not null)
        {
            command.Parameters.AddWithValue("$cluster", clusterId);
        }

        using var r = command.ExecuteReader();
        var list = new List<OperatorOverride>();
        while (r.Read())
        {
            list.Add(Read(r));
        }

        return list;
    });

    private static OperatorOverride Read(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetString(5),
        r.GetString(6), r.GetString(7), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)));
}
