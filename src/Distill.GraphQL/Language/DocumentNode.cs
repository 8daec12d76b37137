namespace Distill.GraphQL.Language;

internal sealed class DocumentNode(IReadOnlyList<DefinitionNode> definitions, int tokenCount) : SyntaxNode(0)
{
    public IReadOnlyList<DefinitionNode> Definitions { get; } = definitions;

    /// <summary>Number of lexical tokens, for the max-tokens limit.</summary>
    public int TokenCount { get; } = tokenCount;
}
