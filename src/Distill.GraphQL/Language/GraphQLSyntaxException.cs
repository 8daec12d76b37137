namespace Distill.GraphQL.Language;

/// <summary>A document that does not follow the GraphQL grammar; <see cref="Offset"/> points at the offending character.</summary>
public sealed class GraphQLSyntaxException : Exception
{
    public GraphQLSyntaxException()
    {
    }

    public GraphQLSyntaxException(string message)
        : base(message)
    {
    }

    public GraphQLSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal GraphQLSyntaxException(string message, int offset, string code)
        : base(message)
    {
        Offset = offset;
        Code = code;
    }

    /// <summary>Character offset of the error in the source text.</summary>
    public int Offset { get; }

    /// <summary>The error code reported in <c>extensions.code</c>.</summary>
    public string Code { get; } = "GRAPHQL_PARSE_FAILED";
}
