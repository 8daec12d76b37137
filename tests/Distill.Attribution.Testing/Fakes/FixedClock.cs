using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.Testing.Fakes;

/// <summary>A clock that says what the test tells it, and advances only when asked.</summary>
public sealed class FixedClock(DateTimeOffset now) : IClock
{
    public DateTimeOffset UtcNow { get; private set; } = now;

    public void Advance(TimeSpan by) => UtcNow += by;
}
