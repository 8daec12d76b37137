using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.GraphQL.Execution;

/// <summary>
/// Parses (with a cache), validates, and executes GraphQL requests against one schema: coercion, directives,
/// fragments, concurrent query fields, serial mutation fields, null propagation, data-loader batching, limits.
/// </summary>
public sealed partial class GraphQLExecutor
{
    /// <summary>Stands for "this value became null and the null must move to the parent" (non-null violation).</summary>
    private static readonly object Invalid = new();

    private readonly ConcurrentDictionary<string, PreparedDocument> _cache = new(StringComparer.Ordinal);

    /// <summary>Completed results of selections on values of immutable object types, per value (dropped with the value).</summary>
    private readonly ConditionalWeakTable<object, ImmutableResults> _immutableResults = new();

    public GraphQLExecutor(Schema schema, GraphQLExecutionOptions? options = null)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        Options = options ?? new GraphQLExecutionOptions();
    }

    public Schema Schema { get; }

    public GraphQLExecutionOptions Options { get; }

    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        using var activity = GraphQLTelemetry.Source.StartActivity("graphql.request");
        var result = await ExecuteCoreAsync(request, cancellationToken);
        Record(activity, result, Stopwatch.GetElapsedTime(started));
        await NotifyObserversAsync(request, result, started, cancellationToken);
        return result;
    }

    /// <summary>
    /// Runs a request on a streaming transport. A subscription gets a response stream (<see cref="SubscriptionResult.Stream"/>):
    /// its source stream is created now (arguments coerced, authorization checked, the field's
    /// <see cref="FieldBuilder.Subscribe{T}(Func{ResolverContext, CancellationToken, IAsyncEnumerable{T}})"/> called) and each
    /// event is executed against the selection set when the stream is enumerated; cancelling the enumeration ends the
    /// subscription. A request that fails before a stream exists, and a query or mutation, get one
    /// <see cref="SubscriptionResult.Result"/>. Observers see a subscription once, when it starts (or fails to).
    /// </summary>
    public async Task<SubscriptionResult> SubscribeAsync(GraphQLRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        ExecutionResult? failure;
        OperationPlan? plan;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(Options.Timeout);
            (failure, plan) = PrepareOperation(request, deadline.Token, cancellationToken);
        }

        if (failure is null && plan!.Operation.Operation != OperationType.Subscription)
        {
            return new SubscriptionResult(await ExecuteAsync(request, cancellationToken), null);
        }

        using var activity = GraphQLTelemetry.Source.StartActivity("graphql.subscribe");
        if (failure is not null)
        {
            Record(activity, failure, Stopwatch.GetElapsedTime(started));
            await NotifyObserversAsync(request, failure, started, cancellationToken);
            return new SubscriptionResult(failure, null);
        }

        // The subscription's lifetime: cancelled by the caller, by the end of the enumeration, or by a failed observer.
        var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var (source, error) = await CreateSourceStreamAsync(plan!, request, lifetime.Token);
        var outcome = error is null
            ? new ExecutionResult(null, true, []) { DocumentSha256 = plan!.Prepared.Sha256, OperationName = plan.Name, OperationType = OperationType.Subscription }
            : new ExecutionResult(null, false, [error]) { DocumentSha256 = plan!.Prepared.Sha256, OperationName = plan.Name, OperationType = OperationType.Subscription };
        Record(activity, outcome, Stopwatch.GetElapsedTime(started));
        try
        {
            await NotifyObserversAsync(request, outcome, started, cancellationToken);
        }
        catch
        {
            await lifetime.CancelAsync();
            lifetime.Dispose();
            throw;
        }

        if (source is null)
        {
            lifetime.Dispose();
            return new SubscriptionResult(outcome, null);
        }

        return new SubscriptionResult(null, MapSourceToResponseAsync(plan, request, source, lifetime, CancellationToken.None))
        {
            OperationName = plan.Name,
            OperationType = OperationType.Subscription,
            DocumentSha256 = plan.Prepared.Sha256,
        };
    }

    private static async ValueTask NotifyObserversAsync(GraphQLRequest request, ExecutionResult result, long started, CancellationToken cancellationToken)
    {
        if (request.Services?.GetService<IEnumerable<IGraphQLRequestObserver>>() is { } observers)
        {
            GraphQLRequestRecord? record = null;
            foreach (var observer in observers)
            {
                record ??= new GraphQLRequestRecord(
                    result.OperationName,
                    result.OperationType,
                    result.DocumentSha256,
                    request.Variables,
                    result.Errors.Count == 0,
                    [.. result.Errors.Select(e => e.Code ?? ErrorCodes.InternalServerError).Distinct()],
                    Stopwatch.GetElapsedTime(started),
                    request.User,
                    request.Items);
                await observer.OnRequestCompletedAsync(record, cancellationToken);
            }
        }
    }

    /// <summary>CreateSourceEventStream of the spec: the root field's arguments, authorization and source stream.</summary>
    private async Task<(IAsyncEnumerable<object?>? Source, GraphQLError? Error)> CreateSourceStreamAsync(OperationPlan plan, GraphQLRequest request, CancellationToken lifetime)
    {
        var context = new ExecutionContext(Schema, plan.Prepared, request, plan.Variables, Options, lifetime);
        var fields = CollectFields(context, plan.RootType, [plan.Operation.SelectionSet]);
        var field = fields[0];
        var path = ResponsePath.Field(null, field.ResponseName);
        try
        {
            var definition = field.Definition;
            var subscriber = definition.Subscriber
                ?? throw new GraphQLException($"The subscription field {plan.RootType.Name}.{definition.Name} has no source stream.", ErrorCodes.InternalServerError);
            var resolverContext = new ResolverContext(context, plan.RootType, definition, RootValue, GetArguments(context, field), path);
            if (definition.Authorization is { } authorize && !await authorize(resolverContext))
            {
                throw GraphQLException.Forbidden($"Not allowed to subscribe to {plan.RootType.Name}.{definition.Name}.");
            }

            return (await subscriber(resolverContext, lifetime), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !lifetime.IsCancellationRequested)
        {
            return (null, FieldError(context, ex, field, path));
        }
    }

    /// <summary>MapSourceToResponseEvent of the spec: each event of the source stream executed as the root value.</summary>
    private async IAsyncEnumerable<ExecutionResult> MapSourceToResponseAsync(
        OperationPlan plan, GraphQLRequest request, IAsyncEnumerable<object?> source, CancellationTokenSource lifetime,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var token = lifetime.Token;
        using var link = cancellationToken.Register(lifetime.Cancel);
        var events = source.GetAsyncEnumerator(token);
        try
        {
            while (true)
            {
                object? item = null;
                bool more;
                ExecutionResult? end = null;
                try
                {
                    more = await events.MoveNextAsync();
                    if (more)
                    {
                        item = events.Current;
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    more = false;
                }
                catch (Exception ex)
                {
                    // The source stream failed: one last result with the error (no data), then the stream ends.
                    more = false;
                    end = new ExecutionResult(null, false, [SourceError(ex)])
                    {
                        DocumentSha256 = plan.Prepared.Sha256,
                        OperationName = plan.Name,
                        OperationType = OperationType.Subscription,
                    };
                }

                if (end is not null)
                {
                    yield return end;
                }

                if (!more)
                {
                    yield break;
                }

                yield return await ExecuteEventAsync(plan, request, item, token);
            }
        }
        finally
        {
            await lifetime.CancelAsync();
            await events.DisposeAsync();
            lifetime.Dispose();
        }
    }

    private GraphQLError SourceError(Exception exception)
    {
        if (exception is GraphQLException gql)
        {
            return new GraphQLError(gql.Message, null, null, gql.Code, gql.Extensions);
        }

        if (Options.ErrorFilter?.Invoke(exception) is { } mapped)
        {
            return new GraphQLError(mapped.Message, null, null, mapped.Code, mapped.Extensions);
        }

        Options.OnUnexpectedException?.Invoke(exception);
        return new GraphQLError("Unexpected error.", null, null, ErrorCodes.InternalServerError);
    }

    /// <summary>One event of a subscription, executed with its own deadline (<see cref="GraphQLExecutionOptions.Timeout"/>).</summary>
    private async Task<ExecutionResult> ExecuteEventAsync(OperationPlan plan, GraphQLRequest request, object? item, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        using var activity = GraphQLTelemetry.Source.StartActivity("graphql.execute");
        var context = new ExecutionContext(Schema, plan.Prepared, request, plan.Variables, Options, timeout.Token);
        return await RunAsync(context, plan.RootType, item, plan.Operation, timeout, cancellationToken);
    }

    /// <summary>What the steps before execution produce.</summary>
    private sealed record OperationPlan(PreparedDocument Prepared, OperationDefinitionNode Operation, ObjectType RootType, IReadOnlyDictionary<string, object?> Variables)
    {
        public string? Name => Operation.Name?.Value;
    }

    /// <summary>Parse (cached), validate, select the operation, coerce the variables, check the limits: a result when the request fails here.</summary>
    private (ExecutionResult? Failure, OperationPlan? Plan) PrepareOperation(GraphQLRequest request, CancellationToken deadline, CancellationToken cancellationToken)
    {
        PreparedDocument prepared;
        try
        {
            prepared = Prepare(request.Query, deadline);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (TimedOutBeforeExecution(PreparedDocument.HashOf(request.Query), request.OperationName, null), null);
        }

        if (prepared.Errors.Count > 0)
        {
            return (new ExecutionResult(null, false, prepared.Errors) { DocumentSha256 = prepared.Sha256, OperationName = request.OperationName }, null);
        }

        var document = prepared.Document!;
        var operation = SelectOperation(document, request.OperationName, out var selectionError);
        if (operation is null)
        {
            return (new ExecutionResult(null, false, [new GraphQLError(selectionError!, null, null, ErrorCodes.OperationNotFound)])
            {
                DocumentSha256 = prepared.Sha256,
                OperationName = request.OperationName,
            }, null);
        }

        var operationName = operation.Name?.Value;
        if (operation.Operation != OperationType.Query && !request.AllowMutations)
        {
            return (new ExecutionResult(null, false, [new GraphQLError($"Can only perform a {operation.Operation.ToString().ToLowerInvariant()} operation from a POST request.", null, null, ErrorCodes.BadUserInput)])
            {
                DocumentSha256 = prepared.Sha256,
                OperationName = operationName,
                OperationType = operation.Operation,
                MutationNotAllowed = true,
            }, null);
        }

        var rootType = Schema.GetRootType(operation.Operation);
        var errors = new List<GraphQLError>();
        if (rootType is null)
        {
            errors.Add(new GraphQLError($"Schema is not configured to execute {operation.Operation.ToString().ToLowerInvariant()} operation.", [prepared.Source.GetLocation(operation.Start)], null, ErrorCodes.ValidationFailed));
        }

        var variables = errors.Count == 0
            ? ValueCoercer.CoerceVariables(Schema, operation, request.Variables, prepared.Source, errors)
            : [];
        if (errors.Count == 0)
        {
            try
            {
                OperationAnalyzer.Check(Schema, prepared, operation, variables, Options, errors, deadline);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (TimedOutBeforeExecution(prepared.Sha256, operationName, operation.Operation), null);
            }
        }

        if (errors.Count > 0)
        {
            return (new ExecutionResult(null, false, errors)
            {
                DocumentSha256 = prepared.Sha256,
                OperationName = operationName,
                OperationType = operation.Operation,
            }, null);
        }

        return (null, new OperationPlan(prepared, operation, rootType!, variables));
    }

    private static void Record(Activity? activity, ExecutionResult result, TimeSpan elapsed)
    {
        var type = result.OperationType?.ToString().ToLowerInvariant() ?? "unknown";
        GraphQLTelemetry.RequestDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("graphql.operation.type", type));
        foreach (var error in result.Errors)
        {
            GraphQLTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("graphql.error.code", error.Code ?? ErrorCodes.InternalServerError));
        }

        if (activity is not null)
        {
            activity.SetTag("graphql.operation.type", type);
            activity.SetTag("graphql.operation.name", result.OperationName);
            activity.SetTag("graphql.document.sha256", result.DocumentSha256);
            activity.SetTag("graphql.errors", result.Errors.Count);
            if (result.Errors.Count > 0)
            {
                activity.SetStatus(ActivityStatusCode.Error, result.Errors[0].Code);
            }
        }
    }

    private async Task<ExecutionResult> ExecuteCoreAsync(GraphQLRequest request, CancellationToken cancellationToken)
    {
        // One deadline for parsing, validation, cost analysis and execution.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        var (failure, plan) = PrepareOperation(request, timeout.Token, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var (prepared, operation, rootType, variables) = plan!;
        if (operation.Operation == OperationType.Subscription)
        {
            return new ExecutionResult(null, false, [new GraphQLError("A subscription needs a streaming transport: send it with Accept: text/event-stream (GraphQL over Server-Sent Events).", null, null, ErrorCodes.BadUserInput)])
            {
                DocumentSha256 = prepared.Sha256,
                OperationName = plan!.Name,
                OperationType = operation.Operation,
            };
        }

        if (operation.Operation == OperationType.Mutation && !await MutationMayStartAsync(request, prepared.Sha256, plan!.Name, cancellationToken))
        {
            return new ExecutionResult(null, false, [new GraphQLError("The mutation was not run: an observer (the audit trail) could not record it first.", null, null, ErrorCodes.InternalServerError)])
            {
                DocumentSha256 = prepared.Sha256,
                OperationName = plan.Name,
                OperationType = operation.Operation,
            };
        }

        using var executeActivity = GraphQLTelemetry.Source.StartActivity("graphql.execute");
        var context = new ExecutionContext(Schema, prepared, request, variables, Options, timeout.Token);
        return await RunAsync(context, rootType, RootValue, operation, timeout, cancellationToken);
    }

    /// <summary>Executes the operation's selection set on <paramref name="rootValue"/>, running data-loader batches whenever every resolver waits.</summary>
    private async Task<ExecutionResult> RunAsync(
        ExecutionContext context, ObjectType rootType, object? rootValue, OperationDefinitionNode operation, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        var fields = CollectFields(context, rootType, [operation.SelectionSet]);
        var root = ExecuteSelectionSetAsync(context, rootType, rootValue, fields, null, operation.Operation == OperationType.Mutation).AsTask();
        object? data = null;
        var timedOut = false;

        // The dispatch loop: whenever every resolver is waiting, run the data-loader batches that are waiting.
        Task? timeoutSignal = null;
        while (!root.IsCompleted)
        {
            if (await context.DataLoaders.DispatchPendingAsync())
            {
                continue;
            }

            var queued = context.DataLoaders.WhenWorkQueued();
            timeoutSignal ??= Task.Delay(Timeout.Infinite, timeout.Token);
            await Task.WhenAny(root, queued, timeoutSignal);
            if (timeout.IsCancellationRequested && !root.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Resolvers that honour the token finish at once: keep their partial data. Others are abandoned.
                await Task.WhenAny(root, Task.Delay(TimeoutGrace, CancellationToken.None));
                timedOut = !root.IsCompleted;
                break;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!timedOut)
        {
            data = await root;
        }

        var resultErrors = context.GetErrors();
        if (timedOut || (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            resultErrors.Add(new GraphQLError($"Execution exceeded the timeout of {Options.Timeout.TotalMilliseconds:0} ms.", null, null, ErrorCodes.Timeout));
        }

        return new ExecutionResult(timedOut ? null : data, true, resultErrors)
        {
            DocumentSha256 = context.Document.Sha256,
            OperationName = operation.Name?.Value,
            OperationType = operation.Operation,
        };
    }

    /// <summary>Tells every observer that a mutation is about to run; false (nothing runs) when one of them throws.</summary>
    private static async ValueTask<bool> MutationMayStartAsync(GraphQLRequest request, string documentSha256, string? operationName, CancellationToken cancellationToken)
    {
        if (request.Services?.GetService<IEnumerable<IGraphQLRequestObserver>>() is not { } observers)
        {
            return true;
        }

        var record = new GraphQLRequestRecord(operationName, OperationType.Mutation, documentSha256, request.Variables, false, [], TimeSpan.Zero, request.User, request.Items);
        try
        {
            foreach (var observer in observers)
            {
                await observer.OnMutationStartingAsync(record, cancellationToken);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    private ExecutionResult TimedOutBeforeExecution(string documentSha256, string? operationName, OperationType? operationType) =>
        new(null, false, [new GraphQLError($"Analysing the document exceeded the timeout of {Options.Timeout.TotalMilliseconds:0} ms.", null, null, ErrorCodes.Timeout)])
        {
            DocumentSha256 = documentSha256,
            OperationName = operationName,
            OperationType = operationType,
        };

    private static readonly TimeSpan TimeoutGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>The value given to root resolvers as their parent.</summary>
    private static readonly object RootValue = new();

    private async ValueTask<object?> ExecuteSelectionSetAsync(
        ExecutionContext context, ObjectType type, object? parent, CollectedField[] fields, ResponsePath? path, bool serial)
    {
        var map = new ResultMap(fields);
        ValueTask<object?>[]? pending = null;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var task = ExecuteFieldAsync(context, type, parent, field, path);
            if (serial)
            {
                map.Values[i] = await task;
            }
            else if (task.IsCompletedSuccessfully)
            {
                map.Values[i] = task.Result;
            }
            else
            {
                pending ??= new ValueTask<object?>[fields.Length];
                pending[i] = task;
                map.Values[i] = Invalid;
            }
        }

        if (pending is not null)
        {
            for (var i = 0; i < pending.Length; i++)
            {
                if (map.Values[i] == Invalid && !pending[i].Equals(default(ValueTask<object?>)))
                {
                    map.Values[i] = await pending[i];
                }
            }
        }

        foreach (var value in map.Values)
        {
            if (value == Invalid)
            {
                return null;
            }
        }

        return map;
    }

    private ValueTask<object?> ExecuteFieldAsync(ExecutionContext context, ObjectType type, object? parent, CollectedField field, ResponsePath? path)
    {
        if (field.IsTypeName)
        {
            return new ValueTask<object?>(type.Name);
        }

        var definition = field.Definition;
        try
        {
            object? raw;
            if (definition.Authorization is null && definition.Resolver is null)
            {
                raw = definition.ParentResolver is { } byParent ? byParent(parent) : DefaultResolver.Resolve(parent, definition.Name);
            }
            else
            {
                return ResolveAndCompleteAsync(context, type, parent, field, path);
            }

            return CompleteValueAsync(context, definition.Type, field, raw, path, field.ResponseName, -1);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            AddFieldError(context, ex, field, ResponsePath.Field(path, field.ResponseName));
            return new ValueTask<object?>(definition.Type is NonNullType ? Invalid : null);
        }
    }

    private async ValueTask<object?> ResolveAndCompleteAsync(ExecutionContext context, ObjectType type, object? parent, CollectedField field, ResponsePath? path)
    {
        var definition = field.Definition;
        var fieldPath = ResponsePath.Field(path, field.ResponseName);
        try
        {
            context.CancellationToken.ThrowIfCancellationRequested();

            var arguments = GetArguments(context, field);
            var resolverContext = new ResolverContext(context, type, definition, parent, arguments, fieldPath);
            if (definition.Authorization is { } authorize && !await authorize(resolverContext))
            {
                throw GraphQLException.Forbidden($"Not allowed to read {type.Name}.{definition.Name}.");
            }

            object? raw;
            if (definition.Resolver is { } resolver)
            {
                var task = resolver(resolverContext, context.CancellationToken);
                raw = task.IsCompletedSuccessfully ? task.Result : await task;
            }
            else
            {
                raw = definition.ParentResolver is { } byParent ? byParent(parent) : DefaultResolver.Resolve(parent, definition.Name);
            }

            var completed = CompleteValueAsync(context, definition.Type, field, raw, path, field.ResponseName, -1);
            return completed.IsCompletedSuccessfully ? completed.Result : await completed;
        }
        catch (Exception ex)
        {
            AddFieldError(context, ex, field, fieldPath);
            return definition.Type is NonNullType ? Invalid : null;
        }
    }

    private static IReadOnlyDictionary<string, object?> GetArguments(ExecutionContext context, CollectedField field)
    {
        if (field.ConstantArguments is { } constant)
        {
            return constant;
        }

        try
        {
            var arguments = ValueCoercer.CoerceArguments(field.Definition.Arguments, field.First.Arguments, context.Variables);
            if (!field.ArgumentsUseVariables)
            {
                field.ConstantArguments = arguments;
            }

            return arguments;
        }
        catch (InputCoercionException ex)
        {
            throw new GraphQLException(ex.Message, ErrorCodes.BadUserInput);
        }
    }

    private static IReadOnlyList<SourceLocation> Locations(ExecutionContext context, CollectedField field) =>
        [context.Document.Source.GetLocation(field.First.Start)];

    private static void AddFieldError(ExecutionContext context, Exception exception, CollectedField field, ResponsePath path) =>
        context.AddError(FieldError(context, exception, field, path));

    private static GraphQLError FieldError(ExecutionContext context, Exception exception, CollectedField field, ResponsePath path)
    {
        var locations = Locations(context, field);
        var pathArray = path.ToArray();
        switch (exception)
        {
            case GraphQLException gql:
                return new GraphQLError(gql.Message, locations, pathArray, gql.Code, gql.Extensions);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new GraphQLError("Execution was cancelled.", locations, pathArray, ErrorCodes.Timeout);
            default:
                if (context.Options.ErrorFilter?.Invoke(exception) is { } mapped)
                {
                    return new GraphQLError(mapped.Message, locations, pathArray, mapped.Code, mapped.Extensions);
                }

                // Never leak internals: the message of an unexpected exception stays on the server.
                context.Options.OnUnexpectedException?.Invoke(exception);
                return new GraphQLError("Unexpected error.", locations, pathArray, ErrorCodes.InternalServerError);
        }
    }
}
