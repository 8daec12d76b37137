namespace Distill.Attribution.Application.Live;

/// <summary>Where saved alerts go (a JSON Lines file, a webhook, subscribers). Must not block: a slow receiver queues.</summary>
public interface IAlertSink
{
    /// <summary>Hands over the alerts of one run (already saved).</summary>
    void Publish(IReadOnlyList<AlertChange> changes);
}
