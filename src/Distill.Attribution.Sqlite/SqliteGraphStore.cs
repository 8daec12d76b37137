using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// The embedded graph store: one SQLite file (WAL) holding the contract's records, their dictionaries and
/// the per-account aggregates. Writes go through one connection, one transaction per batch; snapshots and
/// look-ups read on their own connection, so they see a consistent state and never block ingestion.
/// The file is opened and migrated on first use.
/// </summary>
public sealed class SqliteGraphStore : IGraphStore
{
    private readonly SqliteStoreOptions options;
    private readonly SemaphoreSlim gate = new(1, 1);
    private SqliteConnection? connection;
    private SqliteBatchWriter? writer;
    private bool disposed;
    private int disposeStarted;

    public SqliteGraphStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        this.options = options;
    }

    /// <summary>Opens and migrates the store at <paramref name="path"/>.</summary>
    public static async Task<SqliteGraphStore> OpenAsync(string path, CancellationToken ct)
    {
        var store = new SqliteGraphStore(new SqliteStoreOptions { Path = path });
        try
        {
            await store.MigrateAsync(ct);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    public string Path => options.Path;

    public Task MigrateAsync(CancellationToken ct) => WithWriterAsync(_ => 0, ct);

    public async Task<int> WriteBatchAsync(IngestBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            return await WithWriterAsync(w => w.Write(batch, ct), ct);
        }
        finally
        {
            // Pooled arrays go back once; a batch written again is simply hashed again.
            if (batch.Prepared is { } prepared)
            {
                batch.Prepared = null;
                prepared.Dispose();
            }
        }
    }

    /// <summary>Hashes a request batch's rows (content digests, request-id hashes) on the caller's thread.</summary>
    public PreparedBatch? PrepareBatch(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Kind == Domain.Records.RecordKind.Requests && batch.Requests.Count > 0 ? PreparedRequests.Compute(batch) : null;
    }

    /// <summary>Writes the aggregate sums held in memory (D5b), so the API's account views do not lag behind a long-lived writer.</summary>
    public Task CompleteAsync(CancellationToken ct) =>
        WithWriterAsync(
            w =>
            {
                if (w.HasPendingAggregates)
                {
                    w.FlushAggregates(ct);
                }

                return 0;
            },
            ct);

    public Task<StoreStats> GetStatsAsync(CancellationToken ct) =>
        WithWriterAsync(_ => SqliteStats.Read(connection!), ct);

    public async Task<DetectionSnapshot> LoadSnapshotAsync(IProgress<long>? progress, CancellationToken ct)
    {
        await MigrateAsync(ct);
        return await Task.Run(
            () =>
            {
                // A connection of this thread alone, without SQLite's per-call lock (a quarter of the scan's time).
                using var read = SqliteConnections.OpenForOneThread(options);
                // One read transaction: every table is read from the same committed state (closing the connection ends it).
                SqliteConnections.Execute(read, "BEGIN DEFERRED");
                return new SqliteSnapshotReader(read, progress, ct, () => SqliteConnections.OpenForOneThread(options)).Read();
            },
            ct);
    }

    /// <summary>Live mode's snapshot: only what the store gained since <paramref name="previous"/> (<see cref="SqliteSnapshotCursor"/>, decision D23).</summary>
    public async Task<SnapshotCursor> LoadSnapshotSinceAsync(SnapshotCursor? previous, TimeSpan? window, CancellationToken ct)
    {
        await MigrateAsync(ct);
        return await Task.Run(
            () =>
            {
                using var read = SqliteConnections.OpenForOneThread(options);
                // One read transaction: the delta and the small tables come from the same committed state.
                SqliteConnections.Execute(read, "BEGIN DEFERRED");
                return (SnapshotCursor)SqliteSnapshotCursor.Read(read, options.Path, previous, window, ct, () => SqliteConnections.OpenForOneThread(options));
            },
            ct);
    }

    public async Task<IReadOnlyDictionary<long, string>> ResolveRequestIdsAsync(IReadOnlyCollection<long> rowIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rowIds);
        await MigrateAsync(ct);
        // In key order: each lookup then lands on or beside the page the last one read. A run at scale 10 cites about a
        // million requests; they are looked up in contiguous parts, one connection per core.
        var ordered = rowIds.ToArray();
        Array.Sort(ordered);
        var parts = ordered.Length >= 100_000 ? Math.Clamp(Environment.ProcessorCount, 1, 4) : 1;
        var found = await Task.WhenAll(Enumerable.Range(0, parts).Select(part => Task.Run(
            () => LookUpRequestIds(ordered.AsMemory()[(ordered.Length * part / parts)..(ordered.Length * (part + 1) / parts)], ct),
            ct)));
        var resolved = new Dictionary<long, string>(ordered.Length);
        foreach (var (rowId, requestId) in found.SelectMany(f => f))
        {
            resolved[rowId] = requestId;
        }

        return resolved;
    }

    private List<(long RowId, string RequestId)> LookUpRequestIds(ReadOnlyMemory<long> rowIds, CancellationToken ct)
    {
        using var read = SqliteConnections.Open(options, forReading: true);
        // Lookups in key order touch each page once, so a small page cache and no mapping serve them best: a large cache
        // and mapped pages cost an allocation or a page fault per new page (measured: twice as slow).
        SqliteConnections.Execute(read, "PRAGMA cache_size = -2048; PRAGMA mmap_size = 0;");
        using var select = new RawStatement(read.Handle!, "SELECT request_id FROM requests WHERE id = ?1");
        var found = new List<(long, string)>(rowIds.Length);
        foreach (var rowId in rowIds.Span)
        {
            ct.ThrowIfCancellationRequested();
            select.BindInt64(1, rowId);
            if (select.Read())
            {
                found.Add((rowId, select.GetText(0)!));
                select.Reset();
            }
        }

        return found;
    }

    /// <summary>The store's content hash, as <see cref="DetectionSnapshot.InputHash"/> reports it.</summary>
    public Task<string> ComputeInputHashAsync(CancellationToken ct) =>
        WithWriterAsync(_ => SqliteInputHash.Compute(connection!.Handle!), ct);

    public async ValueTask DisposeAsync()
    {
        // A DI container disposes the store once per registration that hands it out; only the first counts.
        if (Interlocked.Exchange(ref disposeStarted, 1) == 1)
        {
            return;
        }

        await gate.WaitAsync();
        try
        {
            disposed = true;
            if (writer is { HasPendingAggregates: true })
            {
                try
                {
                    // An ingest leaves the aggregates complete; if this fails the next writer sums the tail again.
                    writer.FlushAggregates(CancellationToken.None);
                }
                catch (SqliteException)
                {
                }
            }

            writer?.Dispose();
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        finally
        {
            gate.Release();
        }

        gate.Dispose();
    }

    /// <summary>Runs <paramref name="work"/> on the writing connection, one caller at a time, off the caller's thread.</summary>
    private async Task<T> WithWriterAsync<T>(Func<SqliteBatchWriter, T> work, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            // Off the caller's thread, so a caller can parse the next batch while this one is written.
            return await Task.Run(
                () =>
                {
                    if (writer is null)
                    {
                        connection = SqliteConnections.Open(options, forReading: false);
                        SqliteMigrator.Apply(connection);
                        writer = new SqliteBatchWriter(connection.Handle!);
                    }

                    return work(writer);
                },
                ct);
        }
        finally
        {
            gate.Release();
        }
    }
}
