using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Distill.Attribution.Api.Hosting;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Live;
using Distill.GraphQL;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Distill.Attribution.Api.Alerts;

/// <summary>
/// The source of the <c>alertRaised</c> subscription. Alerts are written by another process (distill watch / replay),
/// so one poller per server reads the alerts whose change number (migration 0009) is above the last one it saw, every
/// <see cref="ApiHostOptions.AlertPollInterval"/>, and hands each to the subscribers whose filter it passes. Each
/// subscriber has a bounded buffer (<see cref="BufferPerSubscriber"/>): one that falls that far behind is dropped with
/// an error (code <c>SUBSCRIBER_TOO_SLOW</c>) rather than growing the server's memory. With no subscriber the poller
/// only moves its mark (one indexed <c>max()</c>), so a new subscriber gets alerts changed after it subscribed (or at
/// most one poll interval before).
/// </summary>
internal sealed partial class AlertFeed(IAlertChanges changes, ApiHostOptions options, ILogger<AlertFeed> logger) : BackgroundService
{
    /// <summary>Alerts one subscriber may have waiting to be sent; a run raises a few dozen at most.</summary>
    internal const int BufferPerSubscriber = 256;

    private const int ReadBatch = 500;
    private readonly Lock _gate = new();
    private readonly List<Subscriber> _subscribers = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _last = -1;

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>The alerts raised or updated by a run from now on that pass <paramref name="filter"/>, until cancelled.</summary>
    public async IAsyncEnumerable<LiveAlert> SubscribeAsync(AlertFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await _ready.Task.WaitAsync(ct);
        var subscriber = new Subscriber(filter, Channel.CreateBounded<LiveAlert>(new BoundedChannelOptions(BufferPerSubscriber)
        {
            SingleReader = true,
            SingleWriter = true,
        }));
        lock (_gate)
        {
            _subscribers.Add(subscriber);
        }

        try
        {
            await foreach (var alert in subscriber.Alerts.Reader.ReadAllAsync(ct))
            {
                yield return alert;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(subscriber);
            }
        }

        if (subscriber.Dropped)
        {
            throw new GraphQLException(
                $"This subscription fell {BufferPerSubscriber} alerts behind and was closed; subscribe again and read missed alerts with the alerts query.",
                ApiErrorCodes.SubscriberTooSlow);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.AlertPollInterval);
        try
        {
            do
            {
                try
                {
                    await PollAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A busy or briefly unreadable store: try again at the next tick; subscribers keep waiting.
                    PollFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                foreach (var s in _subscribers)
                {
                    s.Alerts.Writer.TryComplete();
                }
            }
        }
    }

    /// <summary>One tick: the first sets the mark; later ones read what changed after it and hand it out.</summary>
    internal async Task PollAsync(CancellationToken ct)
    {
        if (_last < 0 || SubscriberCount == 0)
        {
            _last = await changes.GetLatestChangeAsync(ct);
            _ready.TrySetResult();
            return;
        }

        while (true)
        {
            var batch = await changes.ReadAfterAsync(_last, ReadBatch, ct);
            if (batch.Count == 0)
            {
                return;
            }

            Publish(batch);
            _last = batch[^1].Sequence;
            if (batch.Count < ReadBatch)
            {
                return;
            }
        }
    }

    private void Publish(IReadOnlyList<AlertChangeEntry> batch)
    {
        Subscriber[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var s in subscribers)
        {
            foreach (var entry in batch)
            {
                if (s.Dropped || !s.Filter.Matches(entry.Alert))
                {
                    continue;
                }

                if (!s.Alerts.Writer.TryWrite(entry.Alert))
                {
                    s.Dropped = true;
                    s.Alerts.Writer.TryComplete();
                }
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Reading new alerts for subscribers failed; retrying at the next poll.")]
    private static partial void PollFailed(ILogger logger, Exception exception);

    private sealed class Subscriber(AlertFilter filter, Channel<LiveAlert> alerts)
    {
        public AlertFilter Filter { get; } = filter;

        public Channel<LiveAlert> Alerts { get; } = alerts;

        public volatile bool Dropped;
    }
}
