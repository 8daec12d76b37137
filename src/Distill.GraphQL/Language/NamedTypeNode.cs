namespace Distill.GraphQL.Language;

internal sealed class NamedTypeNode(int start, NameNode name) : TypeNode(start)
{
    public NameNode Name { get; } = name;
}
