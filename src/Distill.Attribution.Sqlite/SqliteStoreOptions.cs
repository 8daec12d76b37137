namespace Distill.Attribution.Sqlite;

/// <summary>Options of the embedded SQLite store.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Path of the database file; created if missing.</summary>
    public string Path { get; set; } = "./distill.db";

    /// <summary>
    /// The HMAC key of the audit trail's anchor (created on the first audited request). Default: the environment
    /// variable <c>DISTILL_AUDIT_KEY_FILE</c>, else <c>&lt;store&gt;.audit-key</c>. Put it where someone who can
    /// write the database cannot (another volume, a secret mount) for the anchor to prove completeness against them.
    /// </summary>
    public string AuditKeyPath
    {
        get => _auditKeyPath ?? (Environment.GetEnvironmentVariable("DISTILL_AUDIT_KEY_FILE") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path + ".audit-key");
        set => _auditKeyPath = value;
    }

    /// <summary>The audit trail's anchor file (entry count, head hash, HMAC). Default: <c>&lt;store&gt;.audit-anchor</c>.</summary>
    public string AuditAnchorPath
    {
        get => _auditAnchorPath ?? Path + ".audit-anchor";
        set => _auditAnchorPath = value;
    }

    /// <summary>
    /// The audit trail's own database file. Default: <c>&lt;store&gt;.audit.db</c>. Apart from the store so that an audited
    /// API request never waits for an ingest's write transaction (SQLite has one writer per file); back it up with the store.
    /// </summary>
    public string AuditDatabasePath
    {
        get => _auditDatabasePath ?? Path + ".audit.db";
        set => _auditDatabasePath = value;
    }

    private string? _auditKeyPath;
    private string? _auditAnchorPath;
    private string? _auditDatabasePath;

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
