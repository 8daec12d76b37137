namespace Distill.GraphQL.Language;

internal sealed class NullValueNode(int start) : ValueNode(start);
