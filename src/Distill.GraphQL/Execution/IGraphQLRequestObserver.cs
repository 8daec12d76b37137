namespace Distill.GraphQL.Execution;

/// <summary>
/// Called once per executed request, after execution, with its outcome; registered in DI and resolved from the
/// request's services. An exception thrown here fails the request (an audit trail must not silently miss entries).
/// </summary>
public interface IGraphQLRequestObserver
{
    ValueTask OnRequestCompletedAsync(GraphQLRequestRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Called for a valid mutation after validation and before any of its fields run (the record's <c>Succeeded</c> is
    /// false and its error codes empty: nothing has happened yet). An exception thrown here stops the mutation: none of
    /// its fields run and the request fails, so a mutation never takes effect without its entry having been written first.
    /// </summary>
    ValueTask OnMutationStartingAsync(GraphQLRequestRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
