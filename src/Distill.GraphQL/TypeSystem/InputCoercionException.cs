namespace Distill.GraphQL.TypeSystem;

/// <summary>An input value (literal or variable) that a type does not accept.</summary>
public sealed class InputCoercionException : Exception
{
    public InputCoercionException()
    {
    }

    public InputCoercionException(string message)
        : base(message)
    {
    }

    public InputCoercionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
