namespace Distill.GraphQL.Execution;

/// <summary>Limits and hooks of the executor.</summary>
public sealed class GraphQLExecutionOptions
{
    /// <summary>Deepest allowed field nesting (introspection fields excluded). Error code MAX_DEPTH_EXCEEDED.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>Highest allowed operation cost. Error code MAX_COST_EXCEEDED.</summary>
    public int MaxCost { get; set; } = 50_000;

    /// <summary>Most lexical tokens in a document. Error code MAX_TOKENS_EXCEEDED.</summary>
    public int MaxTokens { get; set; } = 15_000;

    /// <summary>Multiplier for a list field whose size is not bounded by a <c>first</c>/<c>last</c> argument.</summary>
    public int DefaultListCost { get; set; } = 10;

    /// <summary>Longest an execution may run. Error code TIMEOUT.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many parsed and validated documents to keep (keyed by document text).</summary>
    public int DocumentCacheSize { get; set; } = 1_000;

    /// <summary>
    /// Maps an exception thrown by a resolver to a client-visible error (e.g. a validation exception of the host's
    /// dispatcher to BAD_USER_INPUT). Return null to fall back to the generic INTERNAL_SERVER_ERROR.
    /// </summary>
    public Func<Exception, GraphQLException?>? ErrorFilter { get; set; }

    /// <summary>Called with every unexpected resolver exception (the client sees only a generic message), e.g. to log it.</summary>
    public Action<Exception>? OnUnexpectedException { get; set; }
}
