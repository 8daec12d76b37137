namespace Distill.GraphQL.TypeSystem;

/// <summary>A type with a name: scalar, object, interface, union, enum or input object.</summary>
public abstract class NamedType : GraphQLType
{
    private protected NamedType(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    public string Name { get; }

    public string? Description { get; set; }

    public override NamedType Named => this;

    public override string ToString() => Name;
}
