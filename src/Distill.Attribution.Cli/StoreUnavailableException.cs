namespace Distill.Attribution.Cli;

/// <summary>The store named on the command line cannot be used; verbs turn it into exit code 2 with its message.</summary>
internal sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
