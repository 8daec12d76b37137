namespace Distill.GraphQL;

/// <summary>
/// An error a resolver (or the host) raises on purpose; its message and code reach the client as they are.
/// Any other exception reaches the client only as a generic message with code INTERNAL_SERVER_ERROR.
/// </summary>
public sealed class GraphQLException : Exception
{
    public GraphQLException()
    {
    }

    public GraphQLException(string message)
        : base(message)
    {
    }

    public GraphQLException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GraphQLException(string message, string? code, IReadOnlyDictionary<string, object?>? extensions = null)
        : base(message)
    {
        Code = code;
        Extensions = extensions;
    }

    /// <summary>The value of <c>extensions.code</c>, if any.</summary>
    public string? Code { get; }

    /// <summary>More entries for <c>extensions</c> (e.g. the invalid input field).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; }

    public static GraphQLException Forbidden(string message = "You are not allowed to do this.") => new(message, ErrorCodes.Forbidden);

    public static GraphQLException NotFound(string message) => new(message, ErrorCodes.NotFound);

    public static GraphQLException BadUserInput(string message, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(message, ErrorCodes.BadUserInput, extensions);
}
