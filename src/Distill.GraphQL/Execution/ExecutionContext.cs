using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Execution;

/// <summary>State of one execution: document, variables, errors, data loaders, cancellation.</summary>
internal sealed class ExecutionContext(
    Schema schema,
    PreparedDocument document,
    GraphQLRequest request,
    IReadOnlyDictionary<string, object?> variables,
    GraphQLExecutionOptions options,
    CancellationToken cancellationToken)
{
    private readonly List<GraphQLError> _errors = [];

    public Schema Schema { get; } = schema;

    public PreparedDocument Document { get; } = document;

    public GraphQLRequest Request { get; } = request;

    public IReadOnlyDictionary<string, object?> Variables { get; } = variables;

    public GraphQLExecutionOptions Options { get; } = options;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public DataLoaderScope DataLoaders { get; } = new() { CancellationToken = cancellationToken };

    public bool TimedOut { get; set; }

    public void AddError(GraphQLError error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }

    /// <summary>Errors so far (to tell whether a completed subtree added any).</summary>
    public int ErrorCount
    {
        get
        {
            lock (_errors)
            {
                return _errors.Count;
            }
        }
    }

    public List<GraphQLError> GetErrors()
    {
        lock (_errors)
        {
            return [.. _errors];
        }
    }
}
