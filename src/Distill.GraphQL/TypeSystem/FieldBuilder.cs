using Distill.GraphQL.Execution;

namespace Distill.GraphQL.TypeSystem;

/// <summary>Fluent configuration of one field: <c>query.Field("cluster").Type(t).Argument("id", Types.NonNull(Types.ID)).Resolve(...)</c>.</summary>
public sealed class FieldBuilder
{
    private readonly ComplexType _owner;

    internal FieldBuilder(ComplexType owner, FieldDefinition definition)
    {
        _owner = owner;
        Definition = definition;
    }

    public FieldDefinition Definition { get; }

    /// <summary>Continues with another field of the same type.</summary>
    public FieldBuilder Field(string name) => _owner.Field(name);

    public FieldBuilder Type(GraphQLType type)
    {
        Definition.Type = type;
        return this;
    }

    public FieldBuilder Description(string description)
    {
        Definition.Description = description;
        return this;
    }

    public FieldBuilder Deprecated(string reason = "No longer supported")
    {
        Definition.DeprecationReason = reason;
        return this;
    }

    /// <summary>Cost of this field for the max-cost limit; list fields are multiplied by their <c>first</c>/<c>last</c> argument.</summary>
    public FieldBuilder Cost(int cost)
    {
        Definition.Cost = cost;
        return this;
    }

    /// <summary>Expected item count of this list field for the max-cost limit (instead of the default list multiplier).</summary>
    public FieldBuilder ListSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Definition.ListSize = size;
        return this;
    }

    /// <summary>A required or optional argument without a default.</summary>
    public FieldBuilder Argument(string name, GraphQLType type)
    {
        Definition.AddArgument(new InputValueDefinition(name, type));
        return this;
    }

    /// <summary>An argument with a default (an internal value, e.g. <c>10</c> for an Int, a CLR enum member for an enum).</summary>
    public FieldBuilder Argument(string name, GraphQLType type, object? defaultValue)
    {
        Definition.AddArgument(new InputValueDefinition(name, type) { DefaultValue = defaultValue, HasDefaultValue = true });
        return this;
    }

    /// <summary>Describes the argument declared last.</summary>
    public FieldBuilder ArgumentDescription(string description)
    {
        Definition.Arguments[^1].Description = description;
        return this;
    }

    /// <summary>Deprecates the argument declared last (it must be optional).</summary>
    public FieldBuilder ArgumentDeprecated(string reason = "No longer supported")
    {
        Definition.Arguments[^1].DeprecationReason = reason;
        return this;
    }

    /// <summary>An asynchronous resolver (e.g. one that sends a request through the dispatcher).</summary>
    public FieldBuilder Resolve<T>(Func<ResolverContext, CancellationToken, Task<T>> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Definition.ParentResolver = null;
        Definition.Resolver = (ctx, ct) =>
        {
            var task = resolver(ctx, ct);
            return task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : Await(task);
        };
        return this;
    }

    /// <summary>A synchronous resolver with access to the full context.</summary>
    public FieldBuilder Resolve<T>(Func<ResolverContext, T> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Definition.ParentResolver = null;
        Definition.Resolver = (ctx, _) => new ValueTask<object?>(resolver(ctx));
        return this;
    }

    /// <summary>A resolver that reads the parent value only; the fastest kind (no context is created).</summary>
    public FieldBuilder ResolveFrom<TParent>(Func<TParent, object?> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Definition.Resolver = null;
        Definition.ParentResolver = parent => resolver((TParent)parent!);
        return this;
    }

    /// <summary>A check run before the resolver; when it returns false the field fails with code FORBIDDEN.</summary>
    public FieldBuilder Authorize(Func<ResolverContext, bool> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        Definition.Authorization = ctx => new ValueTask<bool>(check(ctx));
        return this;
    }

    /// <summary>
    /// The source stream of a subscription root field: called once per subscription with its arguments; every event it
    /// yields is executed against the subscription's selection set, the event being the field's value (or the parent
    /// value of a resolver set with <c>Resolve</c>). Cancelled when the subscriber goes away. Throw a
    /// <see cref="GraphQLException"/> here to refuse the subscription with a request error.
    /// </summary>
    public FieldBuilder Subscribe<T>(Func<ResolverContext, CancellationToken, IAsyncEnumerable<T>> subscribe)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        Definition.Subscriber = (ctx, ct) => new ValueTask<IAsyncEnumerable<object?>>(Box(subscribe(ctx, ct), ct));
        UseEventAsValue();
        return this;
    }

    /// <summary>As <see cref="Subscribe{T}(Func{ResolverContext, CancellationToken, IAsyncEnumerable{T}})"/>, for a source that needs an await to open (a check, a registration).</summary>
    public FieldBuilder Subscribe<T>(Func<ResolverContext, CancellationToken, Task<IAsyncEnumerable<T>>> subscribe)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        Definition.Subscriber = async (ctx, ct) => Box(await subscribe(ctx, ct), ct);
        UseEventAsValue();
        return this;
    }

    /// <summary>Without a resolver of its own, a subscription field's value is the event itself.</summary>
    private void UseEventAsValue()
    {
        if (Definition.Resolver is null && Definition.ParentResolver is null)
        {
            Definition.ParentResolver = static e => e;
        }
    }

    private static async IAsyncEnumerable<object?> Box<T>(IAsyncEnumerable<T> source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var item in source.WithCancellation(ct))
        {
            yield return item;
        }
    }

    private static async ValueTask<object?> Await<T>(Task<T> task) => await task;
}
