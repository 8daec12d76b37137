namespace Distill.Attribution.Graph.Community;

/// <summary>
/// A tiny seeded generator (SplitMix64). Ours rather than <see cref="Random"/> so that the sequence is fixed
/// by this code, not by the runtime version, and so that independent streams can be derived per community.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A stream derived from a seed and a few integers (iteration, level, community).</summary>
    public static SplitMix64 Derive(ulong seed, long a, long b, long c)
    {
        var s = new SplitMix64(seed ^ 0x9E3779B97F4A7C15UL);
        var h = s.Next() ^ (ulong)a;
        h = new SplitMix64(h).Next() ^ (ulong)b;
        h = new SplitMix64(h).Next() ^ (ulong)c;
        return new SplitMix64(new SplitMix64(h).Next());
    }

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound), bound > 0 (Lemire's multiply-shift; the tiny bias is irrelevant here).</summary>
    public int NextInt(int bound) => (int)Math.BigMul(Next(), (ulong)bound, out _);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
