using Distill.Attribution.Domain.Audit;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>API keys (stored as hashes only) and the append-only, hash-chained audit trail.</summary>
public interface IAccessStore
{
    Task SaveKeyAsync(StoredApiKey key, CancellationToken ct);

    Task<StoredApiKey?> FindKeyAsync(string keyId, CancellationToken ct);

    /// <summary>Every key that can authenticate, in no particular order.</summary>
    IAsyncEnumerable<StoredApiKey> ListKeysAsync(CancellationToken ct);

    /// <summary>Deletes the key's stored hash so it never authenticates again; false when there was no such key.</summary>
    Task<bool> DeleteKeyAsync(string keyId, CancellationToken ct);

    /// <summary>
    /// Appends the entry that <paramref name="makeEntry"/> makes from the current last entry (null when the trail
    /// is empty), atomically: concurrent appends are serialised so the chain never forks.
    /// </summary>
    Task<AuditEntry> AppendAuditAsync(Func<AuditEntry?, AuditEntry> makeEntry, CancellationToken ct);

    /// <summary>Entries in sequence order, from <paramref name="fromSequence"/> on.</summary>
    IAsyncEnumerable<AuditEntry> ReadAuditAsync(long fromSequence, CancellationToken ct);

    /// <summary>The anchor kept outside the store (entry count and head hash, keyed); see <see cref="AuditAnchor"/>.</summary>
    Task<AuditAnchor> ReadAuditAnchorAsync(CancellationToken ct) => Task.FromResult(AuditAnchor.NotSupported);
}
