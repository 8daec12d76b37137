namespace Distill.Attribution.Infrastructure.Live;

/// <summary>Delivery settings of <see cref="WebhookAlertSink"/>.</summary>
public sealed record WebhookOptions
{
    public int MaxAttempts { get; init; } = 6;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Alerts waiting for delivery; beyond it the oldest is dropped.</summary>
    public int QueueCapacity { get; init; } = 10_000;
}
