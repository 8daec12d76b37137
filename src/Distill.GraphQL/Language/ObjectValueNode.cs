namespace Distill.GraphQL.Language;

internal sealed class ObjectValueNode(int start, IReadOnlyList<ObjectFieldNode> fields) : ValueNode(start)
{
    public IReadOnlyList<ObjectFieldNode> Fields { get; } = fields;
}
