namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Account–account links of every view as parallel arrays (no object per link). <c>Key</c> names the
/// record that created the link (instrument, ip, template or client id; for lockstep the index of the pair
/// in the lockstep result); <c>Aux</c> is a per-rule detail (payment: 1 when discounted as an org card).
/// </summary>
internal sealed class LinkSet
{
    private int[] _a = new int[256];
    private int[] _b = new int[256];
    private LinkRule[] _rule = new LinkRule[256];
    private double[] _weight = new double[256];
    private int[] _key = new int[256];
    private int[] _aux = new int[256];

    public int Count { get; private set; }

    public int[] A => _a;

    public int[] B => _b;

    public LinkRule[] Rule => _rule;

    public double[] Weight => _weight;

    public int[] Key => _key;

    public int[] Aux => _aux;

    /// <summary>Link ids of each account (both endpoints), after <see cref="BuildIndex"/>.</summary>
    public int[] IndexOffsets { get; private set; } = [0];

    public int[] IndexLinks { get; private set; } = [];

    public void Add(int a, int b, LinkRule rule, double weight, int key, int aux = 0)
    {
        if (Count == _a.Length)
        {
            var size = _a.Length * 2;
            Array.Resize(ref _a, size);
            Array.Resize(ref _b, size);
            Array.Resize(ref _rule, size);
            Array.Resize(ref _weight, size);
            Array.Resize(ref _key, size);
            Array.Resize(ref _aux, size);
        }

        _a[Count] = Math.Min(a, b);
        _b[Count] = Math.Max(a, b);
        _rule[Count] = rule;
        _weight[Count] = weight;
        _key[Count] = key;
        _aux[Count] = aux;
        Count++;
    }

    public void BuildIndex(int accountCount)
    {
        var offsets = new int[accountCount + 1];
        for (var i = 0; i < Count; i++)
        {
            offsets[_a[i] + 1]++;
            offsets[_b[i] + 1]++;
        }

        for (var u = 0; u < accountCount; u++)
        {
            offsets[u + 1] += offsets[u];
        }

        var links = new int[offsets[accountCount]];
        var cursor = (int[])offsets.Clone();
        for (var i = 0; i < Count; i++)
        {
            links[cursor[_a[i]]++] = i;
            links[cursor[_b[i]]++] = i;
        }

        IndexOffsets = offsets;
        IndexLinks = links;
    }

    public ReadOnlySpan<int> LinksOf(int account) =>
        IndexLinks.AsSpan(IndexOffsets[account], IndexOffsets[account + 1] - IndexOffsets[account]);

    public int Other(int link, int account) => _a[link] == account ? _b[link] : _a[link];
}
