namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// The Wilson score interval for a binomial proportion (successes of trials): unlike the normal approximation
/// it stays inside [0, 1] and is honest for small counts and for rates near 0 or 1 (10 of 10 is not "100 %").
/// </summary>
public static class WilsonInterval
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The interval's bounds; (0, 1) when there are no trials (nothing is known).</summary>
    public static (double Low, double High) Of(long successes, long trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, successes);
        if (trials == 0)
        {
            return (0, 1);
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
