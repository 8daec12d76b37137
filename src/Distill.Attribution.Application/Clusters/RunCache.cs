using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Clusters;

/// <summary>
/// The latest detection run in memory (a singleton): loaded through <see cref="IRunStore"/> on first use, replaced
/// when a run is made through <see cref="PublishAsync"/>. Cluster queries answer from it without touching the store.
/// </summary>
public sealed class RunCache(IRunStore runs, IAccountReadModel accounts) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile RunView? _current;
    private volatile bool _loaded;

    /// <summary>The latest run, or null when no run was made yet.</summary>
    public async ValueTask<RunView?> GetAsync(CancellationToken ct)
    {
        if (_loaded)
        {
            return _current;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (!_loaded)
            {
                var run = await runs.GetLatestRunAsync(ct);
                _current = run is null ? null : await BuildAsync(run, ct);
                _loaded = true;
            }

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
