namespace Distill.GraphQL.Language;

internal abstract class TypeNode(int start) : SyntaxNode(start);
