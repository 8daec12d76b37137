namespace Distill.GraphQL.Language;

/// <summary>A node of a parsed GraphQL document; <see cref="Start"/> is its character offset in the source.</summary>
internal abstract class SyntaxNode(int start)
{
    public int Start { get; } = start;
}
