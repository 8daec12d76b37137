namespace Distill.GraphQL.Language;

internal sealed class NameNode(int start, string value) : SyntaxNode(start)
{
    public string Value { get; } = value;

    public override string ToString() => Value;
}
