namespace Distill.GraphQL.TypeSystem;

/// <summary>An argument or an input object field.</summary>
public sealed class InputValueDefinition(string name, GraphQLType type)
{
    public string Name { get; } = name;

    public GraphQLType Type { get; internal set; } = type;

    public string? Description { get; set; }

    /// <summary>The default as an internal value (what a resolver would receive), used when the input omits it.</summary>
    public object? DefaultValue { get; set; }

    public bool HasDefaultValue { get; set; }

    public string? DeprecationReason { get; set; }
}
