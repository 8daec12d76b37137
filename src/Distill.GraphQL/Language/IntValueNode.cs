namespace Distill.GraphQL.Language;

/// <summary>An integer literal kept as text: its range is checked only when coerced to a type.</summary>
internal sealed class IntValueNode(int start, string value) : ValueNode(start)
{
    public string Value { get; } = value;
}
