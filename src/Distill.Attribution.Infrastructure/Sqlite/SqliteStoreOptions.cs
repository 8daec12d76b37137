namespace Distill.Attribution.Infrastructure.Sqlite;

/// <summary>Options of the embedded SQLite store.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Path of the database file; created if missing.</summary>
    public string Path { get; set; } = "./distill.db";

    /// <summary>Page cache of each reading connection in MiB.</summary>
    public int CacheMiB { get; set; } = 256;

    /// <summary>
    /// Page cache of the writing connection in MiB. Ingest appends requests and rewrites small aggregate and
    /// dictionary tables, so a small cache holds what it re-reads; the request index lives in process memory.
    /// </summary>
    public int WriterCacheMiB { get; set; } = 64;

    /// <summary>WAL pages written before the writer checkpoints (SQLite's default is 1000; measured: 16384 costs less CPU in ingest).</summary>
    public int WalAutoCheckpointPages { get; set; } = 16_384;

    /// <summary>Bytes of the file memory-mapped by reading connections (0 turns mmap off); the writer maps nothing.</summary>
    public long MmapBytes { get; set; } = 1L << 30;
}
