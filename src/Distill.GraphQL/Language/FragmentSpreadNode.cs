namespace Distill.GraphQL.Language;

internal sealed class FragmentSpreadNode(int start, NameNode name, IReadOnlyList<DirectiveNode> directives)
    : SelectionNode(start, directives)
{
    public NameNode Name { get; } = name;
}
