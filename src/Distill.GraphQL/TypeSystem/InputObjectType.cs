namespace Distill.GraphQL.TypeSystem;

/// <summary>An input object type; its coerced value reaches resolvers as a <c>IReadOnlyDictionary&lt;string, object?&gt;</c>.</summary>
public sealed class InputObjectType(string name) : NamedType(name)
{
    private readonly List<InputValueDefinition> _fields = [];
    private readonly Dictionary<string, InputValueDefinition> _byName = new(StringComparer.Ordinal);

    public override TypeKind Kind => TypeKind.InputObject;

    public IReadOnlyList<InputValueDefinition> Fields => _fields;

    public InputObjectType Field(string name, GraphQLType type)
    {
        Add(new InputValueDefinition(name, type));
        return this;
    }

    /// <summary>A field with a default (an internal value).</summary>
    public InputObjectType Field(string name, GraphQLType type, object? defaultValue)
    {
        Add(new InputValueDefinition(name, type) { DefaultValue = defaultValue, HasDefaultValue = true });
        return this;
    }

    /// <summary>Describes the field declared last.</summary>
    public InputObjectType FieldDescription(string description)
    {
        _fields[^1].Description = description;
        return this;
    }

    internal InputValueDefinition? GetField(string name) => _byName.GetValueOrDefault(name);

    private void Add(InputValueDefinition field)
    {
        _fields.Add(field);
        _byName[field.Name] = field;
    }
}
