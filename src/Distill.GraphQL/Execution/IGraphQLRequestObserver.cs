namespace Distill.GraphQL.Execution;

/// <summary>
/// Called once per executed request, after execution, with its outcome; registered in DI and resolved from the
/// request's services. An exception thrown here fails the request (an audit trail must not silently miss entries).
/// </summary>
public interface IGraphQLRequestObserver
{
    ValueTask OnRequestCompletedAsync(GraphQLRequestRecord record, CancellationToken cancellationToken);
}
