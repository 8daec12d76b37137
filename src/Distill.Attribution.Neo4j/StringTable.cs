namespace Distill.Attribution.Neo4j;

/// <summary>
/// Interns strings to provisional dense ids while rows stream in, then sorts the distinct values in
/// ordinal order and hands back the provisional → final id map (one dictionary, built once).
/// </summary>
internal sealed class StringTable
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<string> values = [];

    public int Count => values.Count;

    /// <summary>The provisional id of <paramref name="value"/>; -1 for null (absent).</summary>
    public int Intern(string? value)
    {
        if (value is null)
        {
            return -1;
        }

        if (!ids.TryGetValue(value, out var id))
        {
            id = values.Count;
            ids.Add(value, id);
            values.Add(value);
        }

        return id;
    }

    /// <summary>Sorts the values (ordinal) and returns the map from provisional to final ids.</summary>
    public int[] Finish(out string[] sorted)
    {
        sorted = [.. values];
        var order = new int[sorted.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(sorted, order, StringComparer.Ordinal);
        var remap = new int[sorted.Length];
        for (var finalId = 0; finalId < order.Length; finalId++)
        {
            remap[order[finalId]] = finalId;
        }

        return remap;
    }

    /// <summary>Applies a map from <see cref="Finish"/> in place, keeping -1 (absent).</summary>
    public static void Remap(Span<int> column, int[] remap)
    {
        for (var i = 0; i < column.Length; i++)
        {
            var id = column[i];
            if (id >= 0)
            {
                column[i] = remap[id];
            }
        }
    }
}
