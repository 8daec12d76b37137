using System.Text.Json;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Live;
using Distill.Attribution.Domain.Detection;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite.Live;

/// <summary>Live mode's alerts, state and batch log in the store file (migration 0008).</summary>
public sealed class SqliteAlertStore(SqliteDatabase database) : IAlertStore
{
    internal const string Columns = "id, cluster_id, kind, subject, status, first_run_id, run_id, raised_at, updated_at, observed_at, updates, summary, "
        + "evidence_json, lineage, parents_json, operator_id, risk_score, members_json, member_count, handled_by";

    private const string LastRunKey = "last_alerted_run";

    public Task<IReadOnlyList<LiveAlert>> GetAlertsForMatchingAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<LiveAlert>>(database.Use(c => ReadAll(c, $"""
            SELECT {Columns} FROM alerts WHERE status <> 2
            UNION ALL
            SELECT {Columns} FROM alerts WHERE id IN (SELECT max(id) FROM alerts WHERE status = 2 GROUP BY cluster_id, kind, subject)
            ORDER BY id
            """, null)));

    public Task<string?> GetLastAlertedRunIdAsync(CancellationToken ct) => Task.FromResult(database.Use(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT value FROM live_state WHERE name = $name";
        command.Parameters.AddWithValue("$name", LastRunKey);
        return command.ExecuteScalar() as string;
    }));

    public Task<IReadOnlyList<AlertChange>> SaveAsync(string runId, IReadOnlyList<AlertChange> changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(changes);
        return Task.FromResult<IReadOnlyList<AlertChange>>(database.Use(c =>
        {
            using var transaction = c.BeginTransaction(deferred: false);
            var saved = new List<AlertChange>(changes.Count);
            foreach (var change in changes)
            {
                saved.Add(change with { Alert = Write(c, transaction, change.Alert) });
            }

            using var state = c.CreateCommand();
            state.Transaction = transaction;
            state.CommandText = "INSERT INTO live_state(name, value) VALUES ($name, $value) ON CONFLICT(name) DO UPDATE SET value = excluded.value";
            state.Parameters.AddWithValue("$name", LastRunKey);
            state.Parameters.AddWithValue("$value", runId);
            state.ExecuteNonQuery();
            transaction.Commit();
            return saved;
        }));
    }

    public Task<Page<LiveAlert>> ListAsync(AlertStatus? status, int first, int offset, CancellationToken ct) => Task.FromResult(database.Use(c =>
    {
        using var transaction = c.BeginTransaction(deferred: true);
        using var count = c.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = "SELECT count(*) FROM alerts WHERE $status IS NULL OR status = $status";
        count.Parameters.AddWithValue("$status", status is { } s ? (int)s : DBNull.Value);
        var total = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        using var page = c.CreateCommand();
        page.Transaction = transaction;
        page.CommandText = $"SELECT {Columns} FROM alerts WHERE $status IS NULL OR status = $status ORDER BY id DESC LIMIT $first OFFSET $offset";
        page.Parameters.AddWithValue("$status", status is { } t ? (int)t : DBNull.Value);
        page.Parameters.AddWithValue("$first", first);
        page.Parameters.AddWithValue("$offset", offset);
        return new Page<LiveAlert>(Read(page), total, offset);
    }));

    public Task<LiveAlert?> GetAsync(long id, CancellationToken ct) =>
        Task.FromResult(database.Use(c => ReadAll(c, $"SELECT {Columns} FROM alerts WHERE id = $id", id).FirstOrDefault()));

    public Task<LiveAlert?> SetStatusAsync(long id, AlertStatus status, string keyId, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return Task.FromResult(database.Use(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "UPDATE alerts SET status = $status, handled_by = $key, updated_at = $at WHERE id = $id";
            command.Parameters.AddWithValue("$status", (int)status);
            command.Parameters.AddWithValue("$key", keyId);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() == 0 ? null : ReadAll(c, $"SELECT {Columns} FROM alerts WHERE id = $id", id).FirstOrDefault();
        }));
    }

    public Task<bool> IsBatchDoneAsync(string name, string contentHash, CancellationToken ct) => Task.FromResult(database.Use(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT count(*) FROM live_batches WHERE name = $name AND content_hash = $hash";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$hash", contentHash);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }));

    public Task RecordBatchAsync(string name, string contentHash, string? runId, long rows, DateTimeOffset at, CancellationToken ct)
    {
        database.Use(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                INSERT INTO live_batches(name, content_hash, run_id, rows_read, done_at) VALUES ($name, $hash, $run, $rows, $at)
                ON CONFLICT(name, content_hash) DO NOTHING
                """;
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$hash", contentHash);
            command.Parameters.AddWithValue("$run", (object?)runId ?? DBNull.Value);
            command.Parameters.AddWithValue("$rows", rows);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        });
        return Task.CompletedTask;
    }

    private static LiveAlert Write(SqliteConnection c, SqliteTransaction transaction, LiveAlert a)
    {
        using var command = c.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = a.Id == 0
            ? """
              INSERT INTO alerts(cluster_id, kind, subject, status, first_run_id, run_id, raised_at, updated_at, observed_at, updates, summary,
                                 evidence_json, lineage, parents_json, operator_id, risk_score, members_json, member_count, handled_by)
              VALUES ($cluster, $kind, $subject, $status, $first, $run, $raised, $updated, $observed, $updates, $summary,
                      $evidence, $lineage, $parents, $operator, $risk, $members, $count, $handled) RETURNING id
              """
            : """
              UPDATE alerts SET run_id = $run, updated_at = $updated, updates = $updates, summary = $summary, evidence_json = $evidence,
                                lineage = $lineage, parents_json = $parents, operator_id = $operator, risk_score = $risk,
                                members_json = $members, member_count = $count
              WHERE id = $id RETURNING id
              """;
        command.Parameters.AddWithValue("$id", a.Id);
        command.Parameters.AddWithValue("$cluster", a.ClusterId);
        command.Parameters.AddWithValue("$kind", (int)a.Kind);
        command.Parameters.AddWithValue("$subject", a.Subject);
        command.Parameters.AddWithValue("$status", (int)a.Status);
        command.Parameters.AddWithValue("$first", a.FirstRunId);
        command.Parameters.AddWithValue("$run", a.RunId);
        command.Parameters.AddWithValue("$raised", a.RaisedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$updated", a.UpdatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$observed", a.ObservedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$updates", a.Updates);
        command.Parameters.AddWithValue("$summary", a.Summary);
        command.Parameters.AddWithValue("$evidence", JsonSerializer.Serialize(a.Evidence.Select(f => new[] { f.Name, f.Value })));
        command.Parameters.AddWithValue("$lineage", (int)a.Lineage);
        command.Parameters.AddWithValue("$parents", JsonSerializer.Serialize(a.LineageParents));
        command.Parameters.AddWithValue("$operator", (object?)a.OperatorId ?? DBNull.Value);
        command.Parameters.AddWithValue("$risk", a.RiskScore);
        command.Parameters.AddWithValue("$members", JsonSerializer.Serialize(a.Members));
        command.Parameters.AddWithValue("$count", a.MemberCount);
        command.Parameters.AddWithValue("$handled", (object?)a.HandledBy ?? DBNull.Value);
        var id = (long)command.ExecuteScalar()!;
        return a with
        {
            Id = id,
            RaisedAt = DateTimeOffset.FromUnixTimeMilliseconds(a.RaisedAt.ToUnixTimeMilliseconds()),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(a.UpdatedAt.ToUnixTimeMilliseconds()),
            ObservedAt = DateTimeOffset.FromUnixTimeMilliseconds(a.ObservedAt.ToUnixTimeMilliseconds()),
        };
    }

    private static List<LiveAlert> ReadAll(SqliteConnection c, string sql, long? id)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        if (id is { } i)
        {
            command.Parameters.AddWithValue("$id", i);
        }

        return Read(command);
    }

    private static List<LiveAlert> Read(SqliteCommand command)
    {
        var list = new List<LiveAlert>();
        Read(command, row => list.Add(row.Alert));
        return list;
    }

    /// <summary>Reads the rows of a query that starts with <see cref="Columns"/>; <paramref name="row"/> may read further columns.</summary>
    internal static void Read(SqliteCommand command, Action<(SqliteDataReader Reader, LiveAlert Alert)> row)
    {
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            row((r, new LiveAlert
            {
                Id = r.GetInt64(0),
                ClusterId = r.GetString(1),
                Kind = (AlertKind)r.GetInt32(2),
                Subject = r.GetString(3),
                Status = (AlertStatus)r.GetInt32(4),
                FirstRunId = r.GetString(5),
                RunId = r.GetString(6),
                RaisedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)),
                UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)),
                ObservedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
                Updates = r.GetInt32(10),
                Summary = r.GetString(11),
                Evidence = (JsonSerializer.Deserialize<string[][]>(r.GetString(12)) ?? []).Select(p => new AlertFact(p[0], p[1])).ToArray(),
                Lineage = (ClusterLineage)r.GetInt32(13),
                LineageParents = JsonSerializer.Deserialize<string[]>(r.GetString(14)) ?? [],
                OperatorId = r.IsDBNull(15) ? null : r.GetString(15),
                RiskScore = r.GetDouble(16),
                Members = JsonSerializer.Deserialize<string[]>(r.GetString(17)) ?? [],
                MemberCount = r.GetInt32(18),
                HandledBy = r.IsDBNull(19) ? null : r.GetString(19),
            }));
        }
    }
}
