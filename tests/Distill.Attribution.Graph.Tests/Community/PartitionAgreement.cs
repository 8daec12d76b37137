namespace Distill.Attribution.Graph.Tests.Community;

/// <summary>Agreement of two partitions: adjusted Rand index and normalised mutual information.</summary>
internal static class PartitionAgreement
{
    /// <summary>Adjusted Rand index (Hubert &amp; Arabie): 1 for identical partitions, about 0 for random ones.</summary>
    public static double AdjustedRandIndex(int[] a, int[] b)
    {
        var (table, rows, columns, n) = Contingency(a, b);
        double sumCells = 0, sumRows = 0, sumColumns = 0;
        foreach (var count in table.Values)
        {
            sumCells += Pairs(count);
        }

        foreach (var count in rows.Values)
        {
            sumRows += Pairs(count);
        }

        foreach (var count in columns.Values)
        {
            sumColumns += Pairs(count);
        }

        var expected = sumRows * sumColumns / Pairs(n);
        var max = (sumRows + sumColumns) / 2;
        return max == expected ? 1.0 : (sumCells - expected) / (max - expected);
    }

    /// <summary>Normalised mutual information, 2 I(A;B) / (H(A) + H(B)); 1 for identical partitions.</summary>
    public static double NormalizedMutualInformation(int[] a, int[] b)
    {
        var (table, rows, columns, n) = Contingency(a, b);
        double mutual = 0;
        foreach (var ((r, c), count) in table)
        {
            mutual += count / (double)n * Math.Log(count * (double)n / ((double)rows[r] * columns[c]));
        }

        var entropy = Entropy(rows.Values, n) + Entropy(columns.Values, n);
        return entropy == 0 ? 1.0 : 2 * mutual / entropy;
    }

    private static double Entropy(IEnumerable<int> counts, int n)
    {
        double h = 0;
        foreach (var count in counts)
        {
            var p = count / (double)n;
            h -= p * Math.Log(p);
        }

        return h;
    }

    private static double Pairs(int count) => count * (count - 1.0) / 2;

    private static (Dictionary<(int, int), int> Table, Dictionary<int, int> Rows, Dictionary<int, int> Columns, int N) Contingency(int[] a, int[] b)
    {
        Assert.That(b, Has.Length.EqualTo(a.Length));
        var table = new Dictionary<(int, int), int>();
        var rows = new Dictionary<int, int>();
        var columns = new Dictionary<int, int>();
        for (var i = 0; i < a.Length; i++)
        {
            table[(a[i], b[i])] = table.GetValueOrDefault((a[i], b[i])) + 1;
            rows[a[i]] = rows.GetValueOrDefault(a[i]) + 1;
            columns[b[i]] = columns.GetValueOrDefault(b[i]) + 1;
        }

        return (table, rows, columns, a.Length);
    }
}
