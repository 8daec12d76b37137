namespace Distill.GraphQL.Language;

internal abstract class ValueNode(int start) : SyntaxNode(start);
