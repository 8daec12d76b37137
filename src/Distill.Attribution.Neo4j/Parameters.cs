namespace Distill.Attribution.Neo4j;

/// <summary>Builds the parameter map of a statement: <c>Parameters.Of(("runId", id), ("limit", 50))</c>.</summary>
internal static class Parameters
{
    public static Dictionary<string, object?> Of(params (string Name, object? Value)[] values)
    {
        var map = new Dictionary<string, object?>(values.Length, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            map[name] = value;
        }

        return map;
    }
}
