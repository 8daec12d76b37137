namespace Distill.GraphQL.TypeSystem;

/// <summary>The schema breaks the type-system rules; <see cref="Errors"/> lists every problem.</summary>
public sealed class SchemaValidationException : Exception
{
    public SchemaValidationException()
    {
    }

    public SchemaValidationException(string message)
        : base(message)
    {
    }

    public SchemaValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SchemaValidationException(IReadOnlyList<string> errors)
        : base("Invalid GraphQL schema:\n" + string.Join('\n', errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; } = [];
}
