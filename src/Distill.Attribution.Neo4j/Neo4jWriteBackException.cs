namespace Distill.Attribution.Neo4j;

/// <summary>A run was saved in the service's store but its write-back to Neo4j failed (and was rolled back).</summary>
public sealed class Neo4jWriteBackException : Exception
{
    public Neo4jWriteBackException()
    {
    }

    public Neo4jWriteBackException(string message)
        : base(message)
    {
    }

    public Neo4jWriteBackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The run that is saved but not in the graph (empty when unknown).</summary>
    public string RunId { get; private init; } = "";

    /// <summary>The failure of the write-back of <paramref name="runId"/>, which the run store did save.</summary>
    public static Neo4jWriteBackException ForRun(string runId, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return new Neo4jWriteBackException(
            $"{runId} was saved in the run store, but writing it back to Neo4j failed and was rolled back ({cause.Message}); the next detect run is written back in full",
            cause)
        {
            RunId = runId,
        };
    }
}
