namespace Distill.GraphQL.TypeSystem;

/// <summary>An object or interface type: a named set of fields that may implement interfaces.</summary>
public abstract class ComplexType : NamedType
{
    private readonly Dictionary<string, FieldDefinition> _fieldsByName = new(StringComparer.Ordinal);
    private readonly List<FieldDefinition> _fields = [];
    private readonly List<NamedType> _interfaces = [];

    private protected ComplexType(string name)
        : base(name)
    {
    }

    public IReadOnlyList<FieldDefinition> Fields => _fields;

    public IReadOnlyList<NamedType> Interfaces => _interfaces;

    /// <summary>Starts (or continues) declaring the field <paramref name="name"/>.</summary>
    public FieldBuilder Field(string name)
    {
        if (!_fieldsByName.TryGetValue(name, out var field))
        {
            field = new FieldDefinition(name);
            _fieldsByName.Add(name, field);
            _fields.Add(field);
        }

        return new FieldBuilder(this, field);
    }

    public FieldDefinition? GetField(string name) => _fieldsByName.GetValueOrDefault(name);

    /// <summary>Declares that this type implements <paramref name="interfaceType"/> (an <see cref="InterfaceType"/> or a <see cref="TypeReference"/>).</summary>
    public void Implements(NamedType interfaceType) => _interfaces.Add(interfaceType);

    internal void ReplaceInterface(int index, NamedType resolved) => _interfaces[index] = resolved;
}
