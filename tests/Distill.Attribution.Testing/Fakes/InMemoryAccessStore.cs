using System.Runtime.CompilerServices;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Audit;

namespace Distill.Attribution.Testing.Fakes;

/// <summary>An <see cref="IAccessStore"/> in memory, for application tests.</summary>
public sealed class InMemoryAccessStore : IAccessStore
{
    private readonly Dictionary<string, StoredApiKey> _keys = new(StringComparer.Ordinal);
    private readonly List<AuditEntry> _audit = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<AuditEntry> Audit
    {
        get
        {
            lock (_gate)
            {
                return [.. _audit];
            }
        }
    }

    public IReadOnlyCollection<StoredApiKey> Keys
    {
        get
        {
            lock (_gate)
            {
                return [.. _keys.Values];
            }
        }
    }

    public Task SaveKeyAsync(StoredApiKey key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _keys[key.KeyId] = key;
        }

        return Task.CompletedTask;
    }

    public Task<StoredApiKey?> FindKeyAsync(string keyId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_keys.GetValueOrDefault(keyId));
        }
    }

    public async IAsyncEnumerable<StoredApiKey> ListKeysAsync([EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var key in Keys)
        {
            ct.ThrowIfCancellationRequested();
            yield return key;
        }

        await Task.CompletedTask;
    }

    public Task<bool> DeleteKeyAsync(string keyId, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_keys.Remove(keyId));
        }
    }

    public Task<AuditEntry> AppendAuditAsync(Func<AuditEntry?, AuditEntry> makeEntry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(makeEntry);
        lock (_gate)
        {
            var entry = makeEntry(_audit.Count == 0 ? null : _audit[^1]);
            _audit.Add(entry);
            return Task.FromResult(entry);
        }
    }

    public async IAsyncEnumerable<AuditEntry> ReadAuditAsync(long fromSequence, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var entry in Audit)
        {
            if (entry.Sequence >= fromSequence)
            {
                await Task.Yield();
                yield return entry;
            }
        }
    }

    /// <summary>Replaces an entry as an attacker with write access to the store would.</summary>
    public void Tamper(int index, Func<AuditEntry, AuditEntry> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            _audit[index] = change(_audit[index]);
        }
    }
}
