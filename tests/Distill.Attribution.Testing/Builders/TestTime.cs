namespace Distill.Attribution.Testing.Builders;

/// <summary>Fixed UTC instants for tests: no test depends on the clock.</summary>
public static class TestTime
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    /// <summary><see cref="Epoch"/> plus <paramref name="seconds"/>.</summary>
    public static DateTimeOffset At(double seconds) => Epoch.AddSeconds(seconds);
}
