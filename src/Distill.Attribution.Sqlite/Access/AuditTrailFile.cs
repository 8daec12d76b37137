using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite.Access;

/// <summary>
/// The audit trail's own SQLite file (<see cref="SqliteStoreOptions.AuditDatabasePath"/>). SQLite lets one writer at a
/// time hold a file, and an ingest holds the store's for seconds while it flushes its aggregates: with the trail in the
/// store, every audited API request waited behind it (p99 6.4 s under 200 req/s). In its own file an append waits only
/// for other appends. A store whose trail was kept inside it (before this file existed) has its entries copied here,
/// unchanged and in order, the first time the file is opened, so the hash chain and the anchor go on where they were.
/// </summary>
internal static class AuditTrailFile
{
    /// <summary>Schema version, kept in the file's <c>user_version</c>.</summary>
    private const int Version = 1;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS audit_entries (
            sequence       INTEGER PRIMARY KEY,
            time_ticks     INTEGER NOT NULL,
            key_id         TEXT    NOT NULL,
            role           TEXT    NOT NULL,
            operation_name TEXT,
            document_hash  TEXT    NOT NULL,
            variables      TEXT    NOT NULL,
            outcome        TEXT    NOT NULL,
            previous_hash  TEXT    NOT NULL,
            hash           TEXT    NOT NULL
        );
        CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries
        BEGIN
            SELECT RAISE(ABORT, 'the audit trail is append-only');
        END;
        CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries
        BEGIN
            SELECT RAISE(ABORT, 'the audit trail is append-only');
        END;
        """;

    /// <summary>The pool of connections to the trail's file, prepared (schema, import) on first use.</summary>
    public static SqliteDatabase Open(SqliteDatabase store) =>
        new(store.Options, store.Options.AuditDatabasePath, connection => Prepare(connection, store));

    private static void Prepare(SqliteConnection connection, SqliteDatabase store)
    {
        if (UserVersion(connection) >= Version)
        {
            return;
        }

        // The store's migrations first: its audit_entries table (0003) is what an older store kept its trail in.
        store.MigrationState();
        Execute(connection, "ATTACH DATABASE $store AS store", ("$store", store.Options.Path));
        try
        {
            // IMMEDIATE: two processes opening the file for the first time cannot both copy the old trail.
            using var transaction = connection.BeginTransaction(deferred: false);
            if (UserVersion(connection) < Version)
            {
                Execute(connection, Schema);
                Execute(connection, """
                    INSERT INTO main.audit_entries
                    SELECT sequence, time_ticks, key_id, role, operation_name, document_hash, variables, outcome, previous_hash, hash
                    FROM store.audit_entries
                    WHERE NOT EXISTS (SELECT 1 FROM main.audit_entries)
                    ORDER BY sequence
                    """);
                Execute(connection, $"PRAGMA main.user_version = {Version}");
            }

            transaction.Commit();
        }
        finally
        {
            Execute(connection, "DETACH DATABASE store");
        }
    }

    private static long UserVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA main.user_version";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
