namespace Distill.GraphQL.Language;

internal sealed class StringValueNode(int start, string value, bool block) : ValueNode(start)
{
    public string Value { get; } = value;

    public bool Block { get; } = block;
}
