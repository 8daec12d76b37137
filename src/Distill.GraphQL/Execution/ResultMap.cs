namespace Distill.GraphQL.Execution;

/// <summary>An object in the response: ordered keys and values in two arrays (no dictionary per object).</summary>
internal sealed class ResultMap(int capacity)
{
    public string[] Keys { get; } = new string[capacity];

    public object?[] Values { get; } = new object?[capacity];

    public object? this[string key]
    {
        get
        {
            var i = Array.IndexOf(Keys, key);
            return i < 0 ? null : Values[i];
        }
    }
}
