namespace Distill.Attribution.Synthetic;

/// <summary>A small discrete distribution over int ids (capabilities, hours), sampled by a linear scan.</summary>
internal sealed class WeightedChoice
{
    private readonly int[] _items;
    private readonly double[] _cumulative;

    public WeightedChoice(IReadOnlyList<(int Item, double Weight)> entries)
    {
        ArgumentOutOfRangeException.ThrowIfZero(entries.Count);
        _items = new int[entries.Count];
        _cumulative = new double[entries.Count];
        var total = 0.0;
        for (var i = 0; i < entries.Count; i++)
        {
            total += entries[i].Weight;
        }

        var running = 0.0;
        for (var i = 0; i < entries.Count; i++)
        {
            _items[i] = entries[i].Item;
            running += entries[i].Weight / total;
            _cumulative[i] = running;
        }

        _cumulative[^1] = 1.0;
    }

    public int Pick(ref SyntheticRandom rng)
    {
        var u = rng.NextDouble();
        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (u < _cumulative[i])
            {
                return _items[i];
            }
        }

        return _items[^1];
    }
}
