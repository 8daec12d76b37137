namespace Distill.GraphQL.Language;

internal sealed class FieldNode(
    int start,
    NameNode? alias,
    NameNode name,
    IReadOnlyList<ArgumentNode> arguments,
    IReadOnlyList<DirectiveNode> directives,
    SelectionSetNode? selectionSet) : SelectionNode(start, directives)
{
    public NameNode? Alias { get; } = alias;

    public NameNode Name { get; } = name;

    public IReadOnlyList<ArgumentNode> Arguments { get; } = arguments;

    public SelectionSetNode? SelectionSet { get; } = selectionSet;

    public string ResponseName => Alias?.Value ?? Name.Value;
}
