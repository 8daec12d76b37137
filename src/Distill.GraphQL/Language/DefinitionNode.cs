namespace Distill.GraphQL.Language;

internal abstract class DefinitionNode(int start) : SyntaxNode(start);
