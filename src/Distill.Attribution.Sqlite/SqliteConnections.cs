using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Distill.Attribution.Sqlite;

/// <summary>Opens connections to the store file with the settings every connection needs.</summary>
internal static class SqliteConnections
{
    public static SqliteConnection Open(SqliteStoreOptions options, bool forReading) => Open(options.Path, options, forReading);

    /// <summary>A connection to <paramref name="path"/> (the store file, or another file of the store such as the audit trail's).</summary>
    public static SqliteConnection Open(string path, SqliteStoreOptions options, bool forReading)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            // Readers open read-write too: a read-only connection cannot always open a WAL file whose -shm is missing.
            Mode = forReading ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate,
            // The store holds one connection for its lifetime; pooling would only keep the file open
            // after Dispose (tests delete their files, the CLI exits).
            Pooling = false,
            DefaultTimeout = 60,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            var cacheKiB = (long)(forReading ? options.CacheMiB : options.WriterCacheMiB) * 1024;
            // The writer reads little (the request index's load and its confirmations) and reads it once: through
            // the bounded page cache, not a mapping whose touched pages would all count in its resident memory.
            var mmap = forReading ? options.MmapBytes : 0;
            Execute(connection, $"PRAGMA busy_timeout = 60000; PRAGMA cache_size = -{cacheKiB}; PRAGMA mmap_size = {mmap}; PRAGMA temp_store = MEMORY;");
            if (!forReading)
            {
                // WAL: readers (the API, a snapshot) never block the writer. A commit appends to the log,
                // and a killed process loses at most the transaction in flight.
                Execute(connection, "PRAGMA journal_mode = WAL;");
                // NORMAL syncs the WAL at checkpoints, not at every commit. That is still durable across a
                // crash or kill -9 of this process (committed pages are in the OS page cache and the WAL is
                // replayed on open); only a power loss or OS crash can lose the last commits, never corrupt
                // the file. FULL would fsync every batch for protection we do not need for re-runnable ingest.
                Execute(connection, "PRAGMA synchronous = NORMAL;");
                // A checkpoint copies every page changed since the last one into the file; ingest rewrites the same
                // aggregate and B-tree pages in every batch, so checkpointing less often copies them fewer times.
                Execute(connection, $"PRAGMA wal_autocheckpoint = {options.WalAutoCheckpointPages}; PRAGMA journal_size_limit = {(long)options.WalAutoCheckpointPages * 4096};");
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// A reading connection to the store file that only the calling thread uses: opened without SQLite's
    /// per-connection mutex (<c>SQLITE_OPEN_NOMUTEX</c>), which every column read of a serialized connection takes
    /// and leaves. For long single-threaded scans (the detection snapshot); the caller disposes it.
    /// </summary>
    public static sqlite3 OpenForOneThread(SqliteStoreOptions options)
    {
        var rc = raw.sqlite3_open_v2(options.Path, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
        if (rc != raw.SQLITE_OK)
        {
            var message = db is null ? raw.sqlite3_errstr(rc).utf8_to_string() : raw.sqlite3_errmsg(db).utf8_to_string();
            db?.Dispose();
            throw new SqliteException($"SQLite Error {rc}: '{message}'.", rc);
        }

        try
        {
            Execute(db, $"PRAGMA busy_timeout = 60000; PRAGMA cache_size = -{(long)options.CacheMiB * 1024}; PRAGMA mmap_size = {options.MmapBytes}; PRAGMA temp_store = MEMORY;");
        }
        catch
        {
            db.Dispose();
            throw;
        }

        return db;
    }

    /// <summary>Runs <paramref name="sql"/> on a raw connection; a failure names the statement and SQLite's message.</summary>
    public static void Execute(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_exec(db, sql);
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite error {rc} on {sql}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
