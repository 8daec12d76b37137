namespace Distill.GraphQL.TypeSystem;

/// <summary>An interface type; the concrete type of a value is found by <see cref="ResolveType"/> or the objects' CLR types.</summary>
public sealed class InterfaceType(string name) : ComplexType(name)
{
    public override TypeKind Kind => TypeKind.Interface;

    /// <summary>Returns the name of the object type of a value.</summary>
    public Func<object, string?>? ResolveType { get; set; }
}
