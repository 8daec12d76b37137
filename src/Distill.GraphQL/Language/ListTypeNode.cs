namespace Distill.GraphQL.Language;

internal sealed class ListTypeNode(int start, TypeNode type) : TypeNode(start)
{
    public TypeNode Type { get; } = type;
}
