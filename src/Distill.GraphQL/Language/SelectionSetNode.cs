namespace Distill.GraphQL.Language;

internal sealed class SelectionSetNode(int start, IReadOnlyList<SelectionNode> selections) : SyntaxNode(start)
{
    public IReadOnlyList<SelectionNode> Selections { get; } = selections;
}
