namespace Distill.GraphQL.Language;

internal abstract class SelectionNode(int start, IReadOnlyList<DirectiveNode> directives) : SyntaxNode(start)
{
    public IReadOnlyList<DirectiveNode> Directives { get; } = directives;
}
