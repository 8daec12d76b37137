namespace Distill.GraphQL.Execution;

/// <summary>A response path as a linked list, built only for composite values, contexts and errors.</summary>
internal sealed class ResponsePath(ResponsePath? parent, string? key, int index)
{
    public ResponsePath? Parent { get; } = parent;

    public string? Key { get; } = key;

    public int Index { get; } = index;

    public static ResponsePath Field(ResponsePath? parent, string key) => new(parent, key, -1);

    public static ResponsePath Item(ResponsePath parent, int index) => new(parent, null, index);

    public object[] ToArray()
    {
        var depth = 0;
        for (var p = this; p is not null; p = p.Parent)
        {
            depth++;
        }

        var result = new object[depth];
        for (var p = this; p is not null; p = p.Parent)
        {
            result[--depth] = p.Key is null ? p.Index : p.Key;
        }

        return result;
    }
}
