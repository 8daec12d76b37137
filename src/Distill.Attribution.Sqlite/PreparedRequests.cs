using System.Buffers;
using System.Security.Cryptography;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.ContentHashing;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// The per-row work of a request batch that needs no store state, done on the ingest pipeline's reading
/// thread (<see cref="SqliteGraphStore.PrepareBatch"/>): each row's content digest (SHA-256 of its
/// canonical bytes), the 64-bit hash of its request id for the request index, and the cache hashes of its
/// account, prompt fingerprint and ip (<see cref="DictionaryTable.Hash"/>), computed while the row's strings are
/// in this thread's cache. The writer then only adds the digests of the rows that turn out to be new. Arrays come from the shared pool and go back
/// when the batch is written (<see cref="PreparedBatch.Dispose()"/>, once).
/// </summary>
internal sealed class PreparedRequests : PreparedBatch
{
    /// <summary>How many rows ahead <see cref="Compute"/> fetches the strings it will hash.</summary>
    private const int PrefetchDistance = 8;

    private int _returned;

    private PreparedRequests(IngestBatch batch, IReadOnlyList<RequestRecord> rows, ContentDigest[] digests, ulong[] idHashes, ulong[] valueHashes)
        : base(batch)
    {
        Rows = rows;
        Digests = digests;
        IdHashes = idHashes;
        ValueHashes = valueHashes;
    }

    /// <summary>The rows these values were computed from (the writer checks it is handed the same list).</summary>
    public IReadOnlyList<RequestRecord> Rows { get; }

    public ContentDigest[] Digests { get; }

    public ulong[] IdHashes { get; }

    /// <summary>Per row, three <see cref="DictionaryTable.Hash"/>es: account (3i), prompt fingerprint (3i + 1), ip (3i + 2).</summary>
    public ulong[] ValueHashes { get; }

    public static PreparedRequests Compute(IngestBatch batch)
    {
        var rows = batch.Requests;
        var digests = ArrayPool<ContentDigest>.Shared.Rent(rows.Count);
        var idHashes = ArrayPool<ulong>.Shared.Rent(rows.Count);
        var valueHashes = ArrayPool<ulong>.Shared.Rent(3 * rows.Count);
        var row = new CanonicalRow();

        // One SHA-256 context for the batch, reset after each row: the same digest as SHA256.HashData, without
        // OpenSSL creating, fetching and freeing a context per row (half the per-row cost, measured).
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> hash = stackalloc byte[ContentDigest.Size];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            ArgumentNullException.ThrowIfNull(r.RequestId, "request_id");
            if (i + PrefetchDistance < rows.Count)
            {
                // A batch is thousands of rows long, so by now the strings parsed at its start have left the cache;
                // on input not sorted by account each row names a cold template, account and ip. Fetch a few rows ahead.
                var ahead = rows[i + PrefetchDistance];
                CacheHint.Prefetch(ahead.AccountId);
                CacheHint.Prefetch(ahead.PromptFingerprint);
                CacheHint.Prefetch(ahead.Ip);
            }

            sha256.AppendData(SqliteRows.Request(row, r, r.Ts.ToUnixTimeMilliseconds()));
            sha256.GetHashAndReset(hash);
            digests[i] = ContentDigest.FromBytes(hash);
            idHashes[i] = RequestKeySet.Hash(row.FirstText);
            valueHashes[3 * i] = DictionaryTable.Hash(r.AccountId);
            valueHashes[(3 * i) + 1] = DictionaryTable.Hash(r.PromptFingerprint);
            valueHashes[(3 * i) + 2] = DictionaryTable.Hash(r.Ip);
        }

        return new PreparedRequests(batch, rows, digests, idHashes, valueHashes);
    }

    protected override void Dispose(bool disposing)
    {
        // Idempotent: an array returned twice to the pool would be handed to two renters.
        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            ArrayPool<ContentDigest>.Shared.Return(Digests);
            ArrayPool<ulong>.Shared.Return(IdHashes);
            ArrayPool<ulong>.Shared.Return(ValueHashes);
        }

        base.Dispose(disposing);
    }
}
