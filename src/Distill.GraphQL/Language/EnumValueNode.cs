namespace Distill.GraphQL.Language;

internal sealed class EnumValueNode(int start, string value) : ValueNode(start)
{
    public string Value { get; } = value;
}
