namespace Distill.GraphQL.Language;

internal sealed class BooleanValueNode(int start, bool value) : ValueNode(start)
{
    public bool Value { get; } = value;
}
