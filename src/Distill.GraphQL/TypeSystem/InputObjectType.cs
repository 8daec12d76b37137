namespace Distill.GraphQL.TypeSystem;

/// <summary>An input object type; its coerced value reaches resolvers as a <c>IReadOnlyDictionary&lt;string, object?&gt;</c>.</summary>
public sealed class InputObjectType(string name) : NamedType(name)
{
    private readonly List<InputValueDefinition> _fields = [];
    private readonly Dictionary<string, InputValueDefinition> _byName = new(StringComparer.Ordinal);

    public override TypeKind Kind => TypeKind.InputObject;

    public IReadOnlyList<InputValueDefinition> Fields => _fields;

    public InputObjectType Field(string name, GraphQLType type, string? description = null)
    {
        Add(new InputValueDefinition(name, type) { Description = description });
        return this;
    }

    public InputObjectType Field(string name, GraphQLType type, object? defaultValue, string? description = null)
    {
        Add(new InputValueDefinition(name, type) { Description = description, DefaultValue = defaultValue, HasDefaultValue = true });
        return this;
    }

    internal InputValueDefinition? GetField(string name) => _byName.GetValueOrDefault(name);

    private void Add(InputValueDefinition field)
    {
        _fields.Add(field);
        _byName[field.Name] = field;
    }
}
