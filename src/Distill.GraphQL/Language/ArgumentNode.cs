namespace Distill.GraphQL.Language;

internal sealed class ArgumentNode(int start, NameNode name, ValueNode value) : SyntaxNode(start)
{
    public NameNode Name { get; } = name;

    public ValueNode Value { get; } = value;
}
