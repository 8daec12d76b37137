namespace Distill.GraphQL.Execution;

/// <summary>An object in the response: its collected fields (keys, pre-encoded) and one array of values.</summary>
internal sealed class ResultMap(CollectedField[] fields)
{
    public CollectedField[] Fields { get; } = fields;

    public object?[] Values { get; } = new object?[fields.Length];
}
