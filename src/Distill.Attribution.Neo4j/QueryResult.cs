namespace Distill.Attribution.Neo4j;

/// <summary>The decoded answer to one statement: column names and rows of decoded values.</summary>
internal sealed class QueryResult
{
    public static readonly QueryResult Empty = new([], []);

    public QueryResult(IReadOnlyList<string> fields, IReadOnlyList<object?[]> rows, IReadOnlyList<string>? bookmarks = null)
    {
        Fields = fields;
        Rows = rows;
        Bookmarks = bookmarks ?? [];
    }

    public IReadOnlyList<string> Fields { get; }

    public IReadOnlyList<object?[]> Rows { get; }

    /// <summary>Bookmarks of the committed work (causal consistency in a cluster).</summary>
    public IReadOnlyList<string> Bookmarks { get; }

    /// <summary>Index of a column; a missing column is a bug in a statement, so it throws.</summary>
    public int Column(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new Neo4jException(Neo4jException.ProtocolCode, $"The answer has no column '{name}' (columns: {string.Join(", ", Fields)}).");
    }

    /// <summary>The single value of a one-row, one-column answer (e.g. a count).</summary>
    public long SingleLong(string column)
    {
        if (Rows.Count != 1)
        {
            throw new Neo4jException(Neo4jException.ProtocolCode, $"Expected one row with '{column}', got {Rows.Count}.");
        }

        return Values.AsLong(Rows[0][Column(column)]);
    }

    /// <summary>Rows as maps, for the investigator queries whose callers read by name.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> ToMaps()
    {
        var maps = new List<IReadOnlyDictionary<string, object?>>(Rows.Count);
        foreach (var row in Rows)
        {
            var map = new Dictionary<string, object?>(Fields.Count, StringComparer.Ordinal);
            for (var i = 0; i < Fields.Count; i++)
            {
                map[Fields[i]] = row[i];
            }

            maps.Add(map);
        }

        return maps;
    }
}
