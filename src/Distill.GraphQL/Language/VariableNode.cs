namespace Distill.GraphQL.Language;

internal sealed class VariableNode(int start, NameNode name) : ValueNode(start)
{
    public NameNode Name { get; } = name;
}
