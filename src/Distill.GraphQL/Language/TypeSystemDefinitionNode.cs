namespace Distill.GraphQL.Language;

/// <summary>A type-system definition or extension found in an executable document; kept only so validation can reject it.</summary>
internal sealed class TypeSystemDefinitionNode(int start, string keyword, string? name) : DefinitionNode(start)
{
    public string Keyword { get; } = keyword;

    public string? Name { get; } = name;
}
