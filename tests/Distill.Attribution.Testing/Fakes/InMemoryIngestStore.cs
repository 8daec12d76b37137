using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Testing.Fakes;

/// <summary>
/// An in-memory <see cref="IIngestStore"/> for use-case tests. It models idempotency the way the real
/// store must: each kind has a natural key, a row whose key is present is not new (accounts and
/// releases are updated by a later row, the others are ignored), and a batch is applied whole.
/// </summary>
public sealed class InMemoryIngestStore : IIngestStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, AccountRecord> _accounts = new(StringComparer.Ordinal);
    private readonly HashSet<(string, string)> _payments = [];
    private readonly HashSet<(string, string, DateTimeOffset)> _sessions = [];
    private readonly Dictionary<string, RequestRecord> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReleaseRecord> _releases = new(StringComparer.Ordinal);
    private readonly HashSet<(string, IndicatorKind, string)> _indicators = [];
    private readonly List<IngestBatch> _batches = [];

    /// <summary>Every batch written, in order.</summary>
    public IReadOnlyList<IngestBatch> Batches
    {
        get
        {
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    public IReadOnlyDictionary<string, AccountRecord> Accounts => _accounts;

    public IReadOnlyDictionary<string, RequestRecord> Requests => _requests;

    /// <summary>When set, <see cref="WriteBatchAsync"/> throws on the batch with this 0-based index.</summary>
    public int? FailOnBatch { get; set; }

    /// <summary>How many times an ingest completed (<see cref="IIngestStore.CompleteAsync"/>), and after how many batches the last time.</summary>
    public (int Calls, int AfterBatches) Completions { get; private set; }

    public Task MigrateAsync(CancellationToken ct) => Task.CompletedTask;

    public Task CompleteAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            Completions = (Completions.Calls + 1, _batches.Count);
        }

        return Task.CompletedTask;
    }

    public Task<int> WriteBatchAsync(IngestBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            if (FailOnBatch == _batches.Count)
            {
                throw new InvalidOperationException("Injected store failure.");
            }

            _batches.Add(batch);
            var added = 0;
            foreach (var a in batch.Accounts)
            {
                added += _accounts.TryAdd(a.AccountId, a) ? 1 : 0;
                _accounts[a.AccountId] = a;
            }

            foreach (var p in batch.Payments)
            {
                added += _payments.Add((p.AccountId, p.InstrumentFingerprint)) ? 1 : 0;
            }

            foreach (var s in batch.Sessions)
            {
                added += _sessions.Add((s.AccountId, s.Ip, s.SeenAt)) ? 1 : 0;
            }

            foreach (var r in batch.Requests)
            {
                if (_requests.TryGetValue(r.RequestId, out var stored))
                {
                    batch.ConflictingDuplicates += stored.AccountId != r.AccountId || stored.Ts != r.Ts ? 1 : 0;
                    continue;
                }

                _requests.Add(r.RequestId, r);
                added++;
            }

            foreach (var r in batch.Releases)
            {
                added += _releases.TryAdd(r.Model, r) ? 1 : 0;
                _releases[r.Model] = r;
            }

            foreach (var i in batch.Indicators)
            {
                added += _indicators.Add((i.OperatorId, i.Kind, i.Value)) ? 1 : 0;
            }

            return Task.FromResult(added);
        }
    }

    public Task<StoreStats> GetStatsAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(new StoreStats(_accounts.Count, _payments.Count, _sessions.Count, _requests.Count, _releases.Count, _indicators.Count, 0, 0));
        }
    }
}
