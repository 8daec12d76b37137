namespace Distill.GraphQL.Language;

internal sealed class FragmentDefinitionNode(
    int start,
    NameNode name,
    NamedTypeNode typeCondition,
    IReadOnlyList<DirectiveNode> directives,
    SelectionSetNode selectionSet) : DefinitionNode(start)
{
    public NameNode Name { get; } = name;

    public NamedTypeNode TypeCondition { get; } = typeCondition;

    public IReadOnlyList<DirectiveNode> Directives { get; } = directives;

    public SelectionSetNode SelectionSet { get; } = selectionSet;
}
