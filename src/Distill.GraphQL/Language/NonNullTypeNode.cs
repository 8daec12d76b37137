namespace Distill.GraphQL.Language;

internal sealed class NonNullTypeNode(int start, TypeNode type) : TypeNode(start)
{
    public TypeNode Type { get; } = type;
}
