namespace Distill.GraphQL.Execution;

/// <summary>The data loaders of one request, and the signal that tells the executor a batch is waiting.</summary>
public sealed class DataLoaderScope
{
    private readonly Dictionary<string, object> _loaders = new(StringComparer.Ordinal);
    private readonly List<IDataLoader> _all = [];
    private readonly object _gate = new();
    private TaskCompletionSource? _signal;
    private bool _pending;

    internal CancellationToken CancellationToken { get; init; }

    /// <summary>Gets or creates the loader named <paramref name="name"/> for this request.</summary>
    public DataLoader<TKey, TValue> GetOrCreate<TKey, TValue>(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull
    {
        lock (_gate)
        {
            if (_loaders.TryGetValue(name, out var existing))
            {
                return (DataLoader<TKey, TValue>)existing;
            }

            var loader = new DataLoader<TKey, TValue>(this, fetch);
            _loaders.Add(name, loader);
            _all.Add(loader);
            return loader;
        }
    }

    internal void Signal(IDataLoader loader)
    {
        TaskCompletionSource? toComplete;
        lock (_gate)
        {
            _pending = true;
            toComplete = _signal;
            _signal = null;
        }

        toComplete?.TrySetResult();
    }

    /// <summary>A task that completes when some loader has keys waiting (at once if one has).</summary>
    internal Task WhenWorkQueued()
    {
        lock (_gate)
        {
            if (_pending)
            {
                return Task.CompletedTask;
            }

            _signal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _signal.Task;
        }
    }

    /// <summary>Runs every waiting batch; returns false if there was none.</summary>
    internal async Task<bool> DispatchPendingAsync()
    {
        IDataLoader[] loaders;
        lock (_gate)
        {
            if (!_pending)
            {
                return false;
            }

            _pending = false;
            loaders = [.. _all];
        }

        var tasks = new List<Task>();
        foreach (var loader in loaders)
        {
            if (loader.HasPending)
            {
                tasks.Add(loader.DispatchAsync(CancellationToken));
            }
        }

        foreach (var t in tasks)
        {
            await t;
        }

        return true;
    }
}
