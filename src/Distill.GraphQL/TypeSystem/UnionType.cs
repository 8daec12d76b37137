namespace Distill.GraphQL.TypeSystem;

/// <summary>A union of object types.</summary>
public sealed class UnionType(string name) : NamedType(name)
{
    private readonly List<NamedType> _types = [];

    public override TypeKind Kind => TypeKind.Union;

    public IReadOnlyList<NamedType> Types => _types;

    /// <summary>Returns the name of the object type of a value.</summary>
    public Func<object, string?>? ResolveType { get; set; }

    public UnionType Member(NamedType objectType)
    {
        _types.Add(objectType);
        return this;
    }

    internal void ReplaceMember(int index, NamedType resolved) => _types[index] = resolved;
}
