namespace Distill.GraphQL.Execution;

/// <summary>What the dispatcher needs to know about a data loader.</summary>
internal interface IDataLoader
{
    bool HasPending { get; }

    Task DispatchAsync(CancellationToken cancellationToken);
}
