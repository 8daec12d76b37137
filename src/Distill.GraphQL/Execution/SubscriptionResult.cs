using Distill.GraphQL.Language;

namespace Distill.GraphQL.Execution;

/// <summary>
/// What <see cref="GraphQLExecutor.SubscribeAsync"/> gives: either one <see cref="Result"/> (a request that failed before
/// a stream existed, or a query or mutation) or the response <see cref="Stream"/> of a subscription.
/// </summary>
public sealed class SubscriptionResult
{
    internal SubscriptionResult(ExecutionResult? result, IAsyncEnumerable<ExecutionResult>? stream)
    {
        Result = result;
        Stream = stream;
        if (result is not null)
        {
            OperationName = result.OperationName;
            OperationType = result.OperationType;
            DocumentSha256 = result.DocumentSha256;
        }
    }

    /// <summary>The only result when there is no stream; null for a subscription that started.</summary>
    public ExecutionResult? Result { get; }

    /// <summary>
    /// One result per event, until the source stream ends (or fails: then a last result carries the error). Enumerate it
    /// once, to its end or until the enumeration is cancelled/disposed, which ends the subscription and frees its source.
    /// </summary>
    public IAsyncEnumerable<ExecutionResult>? Stream { get; }

    public string? OperationName { get; internal init; }

    public OperationType? OperationType { get; internal init; }

    public string DocumentSha256 { get; internal init; } = string.Empty;
}
