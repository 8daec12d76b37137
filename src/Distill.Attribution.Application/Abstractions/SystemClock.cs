namespace Distill.Attribution.Application.Abstractions;

/// <summary>The wall clock.</summary>
public sealed class SystemClock : IClock
{
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
}
