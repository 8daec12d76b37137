namespace Distill.GraphQL.Execution;

/// <summary>
/// Per-request batching and caching of loads by key: every <see cref="LoadAsync"/> made while the executor is
/// resolving one level of the response is collected into one call of the batch function.
/// </summary>
public sealed class DataLoader<TKey, TValue> : IDataLoader
    where TKey : notnull
{
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _fetch;
    private readonly DataLoaderScope _scope;
    private readonly Dictionary<TKey, TaskCompletionSource<TValue?>> _cache = [];
    private readonly object _gate = new();
    private List<KeyValuePair<TKey, TaskCompletionSource<TValue?>>> _batch = [];

    internal DataLoader(DataLoaderScope scope, Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    {
        _scope = scope;
        _fetch = fetch;
    }

    /// <summary>Number of batch calls made so far (for tests and diagnostics).</summary>
    public int BatchCount { get; private set; }

    /// <summary>Loads one value; keys missing from the batch result give the default value (null).</summary>
    public Task<TValue?> LoadAsync(TKey key)
    {
        bool first;
        TaskCompletionSource<TValue?>? tcs;
        lock (_gate)
        {
            if (_cache.TryGetValue(key, out tcs))
            {
                return tcs.Task;
            }

            // Continuations run synchronously on purpose: when a batch completes, the dependent resolvers run on
            // the dispatcher's thread until they block again, so their own loads join the next batch together.
            tcs = new TaskCompletionSource<TValue?>(TaskCreationOptions.None);
            _cache.Add(key, tcs);
            first = _batch.Count == 0;
            _batch.Add(new(key, tcs));
        }

        if (first)
        {
            _scope.Signal(this);
        }

        return tcs.Task;
    }

    /// <summary>Loads many values in key order.</summary>
    public async Task<TValue?[]> LoadManyAsync(IEnumerable<TKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var tasks = keys.Select(LoadAsync).ToArray();
        return await Task.WhenAll(tasks);
    }

    bool IDataLoader.HasPending
    {
        get
        {
            lock (_gate)
            {
                return _batch.Count > 0;
            }
        }
    }

    async Task IDataLoader.DispatchAsync(CancellationToken cancellationToken)
    {
        List<KeyValuePair<TKey, TaskCompletionSource<TValue?>>> batch;
        lock (_gate)
        {
            batch = _batch;
            _batch = [];
        }

        if (batch.Count == 0)
        {
            return;
        }

        BatchCount++;
        var keys = new TKey[batch.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = batch[i].Key;
        }

        IReadOnlyDictionary<TKey, TValue> results;
        try
        {
            results = await _fetch(keys, cancellationToken);
        }
        catch (Exception ex)
        {
            foreach (var (_, tcs) in batch)
            {
                tcs.TrySetException(ex);
            }

            return;
        }

        foreach (var (key, tcs) in batch)
        {
            tcs.TrySetResult(results.TryGetValue(key, out var v) ? v : default);
        }
    }
}
