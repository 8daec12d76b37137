namespace Distill.Attribution.Neo4j;

/// <summary>
/// A failure reported by Neo4j (with its status code, e.g. <c>Neo.ClientError.Statement.SyntaxError</c>)
/// or met on the way to it (unreachable, unauthorized, not a Query API endpoint).
/// </summary>
public sealed class Neo4jException : Exception
{
    /// <summary>Code used when the server could not be reached at all.</summary>
    public const string UnreachableCode = "Distill.Neo4j.Unreachable";

    /// <summary>Code used when the answer was not a Query API answer (wrong port, API disabled, proxy page).</summary>
    public const string ProtocolCode = "Distill.Neo4j.Protocol";

    /// <summary>Code used for bad settings (URI, credentials).</summary>
    public const string ConfigurationCode = "Distill.Neo4j.Configuration";

    /// <summary>Neo4j's own code for bad credentials.</summary>
    public const string UnauthorizedCode = "Neo.ClientError.Security.Unauthorized";

    public Neo4jException()
        : this(ProtocolCode, "Neo4j request failed.")
    {
    }

    public Neo4jException(string message)
        : this(ProtocolCode, message)
    {
    }

    public Neo4jException(string message, Exception innerException)
        : this(ProtocolCode, message, null, innerException)
    {
    }

    public Neo4jException(string code, string message, int? httpStatus = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        HttpStatus = httpStatus;
    }

    /// <summary>The Neo4j status code, or one of this class's <c>Distill.Neo4j.*</c> codes.</summary>
    public string Code { get; }

    /// <summary>The HTTP status of the answer, when there was one.</summary>
    public int? HttpStatus { get; }

    /// <summary>
    /// True for <c>Neo.TransientError.*</c>: the same work may succeed when retried. Decided from the code,
    /// never from the HTTP status, as Neo4j's documentation asks.
    /// </summary>
    public bool IsTransient => IsTransientCode(Code);

    /// <summary>True when <paramref name="code"/> is in Neo4j's transient class.</summary>
    public static bool IsTransientCode(string? code) =>
        code is not null && code.StartsWith("Neo.TransientError.", StringComparison.Ordinal);
}
