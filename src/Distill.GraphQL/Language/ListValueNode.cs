namespace Distill.GraphQL.Language;

internal sealed class ListValueNode(int start, IReadOnlyList<ValueNode> values) : ValueNode(start)
{
    public IReadOnlyList<ValueNode> Values { get; } = values;
}
