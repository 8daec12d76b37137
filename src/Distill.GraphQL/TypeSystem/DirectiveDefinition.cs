namespace Distill.GraphQL.TypeSystem;

/// <summary>A directive the schema accepts.</summary>
public sealed class DirectiveDefinition(string name, IReadOnlyList<DirectiveLocation> locations, IReadOnlyList<InputValueDefinition> arguments)
{
    public string Name { get; } = name;

    public string? Description { get; init; }

    public IReadOnlyList<DirectiveLocation> Locations { get; } = locations;

    public IReadOnlyList<InputValueDefinition> Arguments { get; } = arguments;

    public bool IsRepeatable { get; init; }

    internal bool IsBuiltIn { get; init; }

    public static DirectiveDefinition Skip { get; } = new(
        "skip",
        [DirectiveLocation.Field, DirectiveLocation.FragmentSpread, DirectiveLocation.InlineFragment],
        [new InputValueDefinition("if", Types.NonNull(Types.Boolean)) { Description = "Skipped when true." }])
    {
        Description = "Directs the executor to skip this field or fragment when the `if` argument is true.",
        IsBuiltIn = true,
    };

    public static DirectiveDefinition Include { get; } = new(
        "include",
        [DirectiveLocation.Field, DirectiveLocation.FragmentSpread, DirectiveLocation.InlineFragment],
        [new InputValueDefinition("if", Types.NonNull(Types.Boolean)) { Description = "Included when true." }])
    {
        Description = "Directs the executor to include this field or fragment only when the `if` argument is true.",
        IsBuiltIn = true,
    };

    public static DirectiveDefinition Deprecated { get; } = new(
        "deprecated",
        [DirectiveLocation.FieldDefinition, DirectiveLocation.ArgumentDefinition, DirectiveLocation.InputFieldDefinition, DirectiveLocation.EnumValue],
        [new InputValueDefinition("reason", Types.String)
        {
            Description = "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
            DefaultValue = "No longer supported",
            HasDefaultValue = true,
        }])
    {
        Description = "Marks an element of a GraphQL schema as no longer supported.",
        IsBuiltIn = true,
    };

    public static DirectiveDefinition SpecifiedBy { get; } = new(
        "specifiedBy",
        [DirectiveLocation.Scalar],
        [new InputValueDefinition("url", Types.NonNull(Types.String)) { Description = "The URL that specifies the behavior of this scalar." }])
    {
        Description = "Exposes a URL that specifies the behavior of this scalar.",
        IsBuiltIn = true,
    };
}
