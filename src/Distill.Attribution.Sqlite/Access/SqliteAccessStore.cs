using System.Runtime.CompilerServices;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Domain.Audit;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite.Access;

/// <summary>
/// API keys in the store file (migration 0003), the audit trail in its own file (<see cref="AuditTrailFile"/>). Appends
/// are serialised twice: a lock in this process, and an IMMEDIATE transaction that takes the trail file's write lock
/// before reading the last entry, so two processes (two servers, or a server and the CLI) can never both chain onto
/// the same entry.
/// </summary>
public sealed class SqliteAccessStore(SqliteDatabase database) : IAccessStore, IDisposable
{
    private readonly Lock _appendGate = new();
    private readonly AuditAnchorFile _anchor = new(database.Options.AuditAnchorPath, database.Options.AuditKeyPath);
    private readonly Lazy<SqliteDatabase> _trail = new(() => AuditTrailFile.Open(database));

    public void Dispose()
    {
        if (_trail.IsValueCreated)
        {
            _trail.Value.Dispose();
        }
    }

    public Task SaveKeyAsync(StoredApiKey key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        database.Use(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "INSERT INTO api_keys(key_id, hash, role, created_at, label, holder) VALUES ($id, $hash, $role, $at, $label, $holder)";
            command.Parameters.AddWithValue("$id", key.KeyId);
            command.Parameters.AddWithValue("$hash", key.Hash);
            command.Parameters.AddWithValue("$role", (int)key.Role);
            command.Parameters.AddWithValue("$at", key.CreatedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$label", (object?)key.Label ?? DBNull.Value);
            command.Parameters.AddWithValue("$holder", (object?)key.Holder ?? DBNull.Value);
            return command.ExecuteNonQuery();
        });
        return Task.CompletedTask;
    }

    public Task<StoredApiKey?> FindKeyAsync(string keyId, CancellationToken ct) => Task.FromResult(database.Use(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT key_id, hash, role, created_at, label, holder FROM api_keys WHERE key_id = $id";
        command.Parameters.AddWithValue("$id", keyId);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new StoredApiKey(reader.GetString(0), reader.GetString(1), (Role)reader.GetInt32(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5))
            : null;
    }));

    public async IAsyncEnumerable<StoredApiKey> ListKeysAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var keys = database.Use(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT key_id, hash, role, created_at, label, holder FROM api_keys ORDER BY created_at, key_id";
            using var reader = command.ExecuteReader();
            var all = new List<StoredApiKey>();
            while (reader.Read())
            {
                all.Add(new StoredApiKey(reader.GetString(0), reader.GetString(1), (Role)reader.GetInt32(2),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }

            return all;
        });
        foreach (var key in keys)
        {
            ct.ThrowIfCancellationRequested();
            yield return key;
        }

        await Task.CompletedTask;
    }

    public Task<bool> DeleteKeyAsync(string keyId, CancellationToken ct) => Task.FromResult(database.Use(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = "DELETE FROM api_keys WHERE key_id = $id";
        command.Parameters.AddWithValue("$id", keyId);
        return command.ExecuteNonQuery() > 0;
    }));

    public Task<AuditEntry> AppendAuditAsync(Func<AuditEntry?, AuditEntry> makeEntry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(makeEntry);
        lock (_appendGate)
        {
            return Task.FromResult(_trail.Value.Use(c =>
            {
                using var transaction = c.BeginTransaction(deferred: false);
                AuditEntry? last;
                using (var read = c.CreateCommand())
                {
                    read.Transaction = transaction;
                    read.CommandText = Select + " ORDER BY sequence DESC LIMIT 1";
                    using var reader = read.ExecuteReader();
                    last = reader.Read() ? ReadEntry(reader) : null;
                }

                var entry = makeEntry(last);
                using (var insert = c.CreateCommand())
                {
                    insert.Transaction = transaction;
                    insert.CommandText = """
                        INSERT INTO audit_entries(sequence, time_ticks, key_id, role, operation_name, document_hash, variables, outcome, previous_hash, hash)
                        VALUES ($seq, $ticks, $key, $role, $op, $doc, $vars, $outcome, $prev, $hash)
                        """;
                    insert.Parameters.AddWithValue("$seq", entry.Sequence);
                    insert.Parameters.AddWithValue("$ticks", entry.Time.UtcTicks);
                    insert.Parameters.AddWithValue("$key", entry.KeyId);
                    insert.Parameters.AddWithValue("$role", entry.Role);
                    insert.Parameters.AddWithValue("$op", (object?)entry.OperationName ?? DBNull.Value);
                    insert.Parameters.AddWithValue("$doc", entry.DocumentHash);
                    insert.Parameters.AddWithValue("$vars", entry.VariablesJson);
                    insert.Parameters.AddWithValue("$outcome", entry.Outcome);
                    insert.Parameters.AddWithValue("$prev", entry.PreviousHash);
                    insert.Parameters.AddWithValue("$hash", entry.Hash);
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
                // After the commit: a crash in between leaves this entry unanchored, never the anchor ahead of the trail.
                _anchor.Record(entry);
                return entry;
            }));
        }
    }

    public Task<AuditAnchor> ReadAuditAnchorAsync(CancellationToken ct)
    {
        lock (_appendGate)
        {
            return Task.FromResult(_anchor.Read());
        }
    }

    public async IAsyncEnumerable<AuditEntry> ReadAuditAsync(long fromSequence, [EnumeratorCancellation] CancellationToken ct)
    {
        // Pages of 1,000 so a long trail is never held whole and no connection stays borrowed while the caller works.
        var next = fromSequence;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var from = next;
            var page = _trail.Value.Use(c =>
            {
                using var command = c.CreateCommand();
                command.CommandText = Select + " WHERE sequence >= $from ORDER BY sequence LIMIT 1000";
                command.Parameters.AddWithValue("$from", from);
                using var reader = command.ExecuteReader();
                var entries = new List<AuditEntry>();
                while (reader.Read())
                {
                    entries.Add(ReadEntry(reader));
                }

                return entries;
            });
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < 1000)
            {
                yield break;
            }

            next = page[^1].Sequence + 1;
            await Task.Yield();
        }
    }

    private const string Select =
        "SELECT sequence, time_ticks, key_id, role, operation_name, document_hash, variables, outcome, previous_hash, hash FROM audit_entries";

    private static AuditEntry ReadEntry(SqliteDataReader r) => new(
        r.GetInt64(0),
        new DateTimeOffset(r.GetInt64(1), TimeSpan.Zero),
        r.GetString(2),
        r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4),
        r.GetString(5),
        r.GetString(6),
        r.GetString(7),
        r.GetString(8),
        r.GetString(9));
}
