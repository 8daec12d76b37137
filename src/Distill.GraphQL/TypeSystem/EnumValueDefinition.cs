namespace Distill.GraphQL.TypeSystem;

/// <summary>One value of an enum type.</summary>
public sealed class EnumValueDefinition(string name, object value, string? description, string? deprecationReason)
{
    public string Name { get; } = name;

    public object Value { get; } = value;

    public string? Description { get; } = description;

    public string? DeprecationReason { get; } = deprecationReason;
}
