namespace Distill.Attribution.Embedding.Stores;

/// <summary>The store configuration is missing a key or has a wrong value; <see cref="Key"/> names it.</summary>
public sealed class StoreConfigurationException : Exception
{
    /// <summary>Creates the exception for <paramref name="key"/>; the message is <c>key: reason</c>.</summary>
    public StoreConfigurationException(string key, string reason, Exception? innerException = null)
        : base($"{key}: {reason}", innerException)
    {
        Key = key;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    public StoreConfigurationException()
        : this("Distill:Store", "the store configuration is not valid")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public StoreConfigurationException(string message)
        : this("Distill:Store", message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public StoreConfigurationException(string message, Exception innerException)
        : this("Distill:Store", message, innerException)
    {
    }

    /// <summary>The configuration key at fault, e.g. <c>Distill:Store:Kind</c>.</summary>
    public string Key { get; }

    /// <summary>What is wrong with it, without the key.</summary>
    public string Reason { get; }
}
