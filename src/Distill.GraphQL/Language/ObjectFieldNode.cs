namespace Distill.GraphQL.Language;

internal sealed class ObjectFieldNode(int start, NameNode name, ValueNode value) : SyntaxNode(start)
{
    public NameNode Name { get; } = name;

    public ValueNode Value { get; } = value;
}
