namespace Distill.GraphQL.TypeSystem;

/// <summary>An enum type; each value has a GraphQL name and an internal value (the name itself or a CLR enum member).</summary>
public sealed class EnumType(string name) : NamedType(name)
{
    private readonly List<EnumValueDefinition> _values = [];
    private readonly Dictionary<string, EnumValueDefinition> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<object, EnumValueDefinition> _byValue = [];

    public override TypeKind Kind => TypeKind.Enum;

    public IReadOnlyList<EnumValueDefinition> Values => _values;

    public EnumType Value(string name, object? value = null, string? description = null, string? deprecationReason = null)
    {
        var definition = new EnumValueDefinition(name, value ?? name, description, deprecationReason);
        _values.Add(definition);
        _byName[name] = definition;
        _byValue[definition.Value] = definition;
        return this;
    }

    /// <summary>An enum whose values are the members of <typeparamref name="TEnum"/>, named in UPPER_SNAKE_CASE.</summary>
    public static EnumType From<TEnum>(string name, string? description = null)
        where TEnum : struct, Enum
    {
        var type = new EnumType(name) { Description = description };
        foreach (var member in Enum.GetValues<TEnum>())
        {
            type.Value(ToUpperSnake(member.ToString()), member);
        }

        return type;
    }

    internal EnumValueDefinition? GetValue(string name) => _byName.GetValueOrDefault(name);

    internal EnumValueDefinition? FindByValue(object value) =>
        _byValue.TryGetValue(value, out var d) ? d : value is string s ? _byName.GetValueOrDefault(s) : null;

    private static string ToUpperSnake(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(name[i]));
        }

        return sb.ToString();
    }
}
