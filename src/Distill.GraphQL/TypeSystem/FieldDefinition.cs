using Distill.GraphQL.Execution;

namespace Distill.GraphQL.TypeSystem;

/// <summary>A field of an object or interface type. Configure it through <see cref="FieldBuilder"/>.</summary>
public sealed class FieldDefinition(string name)
{
    private readonly List<InputValueDefinition> _arguments = [];

    public string Name { get; } = name;

    public string? Description { get; internal set; }

    public GraphQLType Type { get; internal set; } = null!;

    public IReadOnlyList<InputValueDefinition> Arguments => _arguments;

    public string? DeprecationReason { get; internal set; }

    /// <summary>Cost of resolving this field once, for the max-cost limit (default 1).</summary>
    public int Cost { get; internal set; } = 1;

    /// <summary>
    /// How many items this list field is expected to return, for the max-cost limit (null: the executor's
    /// <c>DefaultListCost</c>). Set it on lists that can be long, such as an hourly timeline.
    /// </summary>
    public int? ListSize { get; internal set; }

    internal Func<ResolverContext, CancellationToken, ValueTask<object?>>? Resolver { get; set; }

    /// <summary>A synchronous resolver that needs only the parent value: no context object is created for it.</summary>
    internal Func<object?, object?>? ParentResolver { get; set; }

    internal Func<ResolverContext, ValueTask<bool>>? Authorization { get; set; }

    /// <summary>Creates the source stream of a subscription root field (each event becomes the field's parent value).</summary>
    internal Func<ResolverContext, CancellationToken, ValueTask<IAsyncEnumerable<object?>>>? Subscriber { get; set; }

    internal InputValueDefinition? GetArgument(string name)
    {
        foreach (var a in _arguments)
        {
            if (a.Name == name)
            {
                return a;
            }
        }

        return null;
    }

    internal void AddArgument(InputValueDefinition argument) => _arguments.Add(argument);
}
