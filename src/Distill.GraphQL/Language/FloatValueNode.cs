namespace Distill.GraphQL.Language;

internal sealed class FloatValueNode(int start, string value) : ValueNode(start)
{
    public string Value { get; } = value;
}
