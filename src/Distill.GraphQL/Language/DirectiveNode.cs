namespace Distill.GraphQL.Language;

internal sealed class DirectiveNode(int start, NameNode name, IReadOnlyList<ArgumentNode> arguments) : SyntaxNode(start)
{
    public NameNode Name { get; } = name;

    public IReadOnlyList<ArgumentNode> Arguments { get; } = arguments;
}
