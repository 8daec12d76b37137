namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Ascending sort of non-negative ints by their bytes (least significant first), for the long per-account lists co-use
/// sorts by the tens of millions (element ids, element degrees): a pass per byte the largest value needs, each a count and
/// a stable scatter through a scratch span, instead of a comparison sort's n log n steps. Short spans use
/// <see cref="MemoryExtensions.Sort{T}(Span{T})"/>. Equal ints are indistinguishable, so the result is the same either way.
/// </summary>
internal static class SmallIntSort
{
    /// <summary>Below this length a comparison sort is cheaper than clearing and summing the byte counts.</summary>
    internal const int RadixFrom = 96;

    /// <summary>
    /// Sorts <paramref name="values"/> (every value in [0, <paramref name="bound"/>)) using <paramref name="scratch"/>, which
    /// must be at least as long; throws when a value is out of range.
    /// </summary>
    public static void Sort(Span<int> values, Span<int> scratch, int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bound);
        if (values.Length < RadixFrom)
        {
            values.Sort();
            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(scratch.Length, values.Length, nameof(scratch));
        foreach (var v in values)
        {
            if ((uint)v >= (uint)bound)
            {
                throw new ArgumentOutOfRangeException(nameof(values), $"{v} is outside [0, {bound}).");
            }
        }

        var from = values;
        var to = scratch[..values.Length];
        Span<int> counts = stackalloc int[256];
        for (var shift = 0; shift < 32 && (bound - 1) >> shift > 0; shift += 8)
        {
            counts.Clear();
            foreach (var v in from)
            {
                counts[(v >> shift) & 0xFF]++;
            }

            // Every value has the same byte here (small degrees' high byte): the order stays as it is.
            if (counts[(from[0] >> shift) & 0xFF] == from.Length)
            {
                continue;
            }

            var sum = 0;
            for (var b = 0; b < 256; b++)
            {
                (counts[b], sum) = (sum, sum + counts[b]);
            }

            foreach (var v in from)
            {
                to[counts[(v >> shift) & 0xFF]++] = v;
            }

            var swap = from;
            from = to;
            to = swap;
        }

        if (from != values)
        {
            from.CopyTo(values);
        }
    }
}
