using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Clusters;

/// <summary>
/// The latest detection run in memory (a singleton): loaded through <see cref="IRunStore"/> on first use, replaced
/// when a run is made through <see cref="PublishAsync"/>, and reloaded when the store's latest run id changes (a run
/// saved by another process, e.g. <c>distill detect</c> while <c>distill serve</c> runs). That check is one small
/// query at most every <see cref="RecheckInterval"/>; cluster queries otherwise answer without touching the store.
/// </summary>
public sealed class RunCache(IRunStore runs, IAccountReadModel accounts, TimeProvider? clock = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private volatile RunView? _current;
    private volatile bool _loaded;
    private long _checkedAt;

    /// <summary>How long a check of the store's latest run id stays valid (default one second; zero checks on every call).</summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The latest run, or null when no run was made yet.</summary>
    public async ValueTask<RunView?> GetAsync(CancellationToken ct)
    {
        if (_loaded && _clock.GetElapsedTime(Interlocked.Read(ref _checkedAt)) < RecheckInterval)
        {
            return _current;
        }

        var now = _clock.GetTimestamp();
        var latestId = await runs.GetLatestRunIdAsync(ct);
        if (_loaded && string.Equals(latestId, _current?.RunId, StringComparison.Ordinal))
        {
            Interlocked.Exchange(ref _checkedAt, now);
            return _current;
        }

        await _gate.WaitAsync(ct);
        try
        {
            // Another caller may have reloaded while this one waited.
            if (!_loaded || !string.Equals(latestId, _current?.RunId, StringComparison.Ordinal))
            {
                var run = await runs.GetLatestRunAsync(ct);
                _current = run is null ? null : await BuildAsync(run, ct);
                _loaded = true;
            }

            Interlocked.Exchange(ref _checkedAt, now);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes <paramref name="run"/> (just saved) the one queries see.</summary>
    public async Task<RunView> PublishAsync(DetectionRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        var view = await BuildAsync(run, ct);
        await _gate.WaitAsync(ct);
        try
        {
            _current = view;
            _loaded = true;
            Interlocked.Exchange(ref _checkedAt, _clock.GetTimestamp());
        }
        finally
        {
            _gate.Release();
        }

        return view;
    }

    /// <summary>Forgets the held run; the next query reloads the latest one from the store.</summary>
    public void Invalidate() => _loaded = false;

    private async Task<RunView> BuildAsync(DetectionRun run, CancellationToken ct) =>
        new(run, await accounts.GetActivitySpansAsync(ct));

    public void Dispose() => _gate.Dispose();
}
