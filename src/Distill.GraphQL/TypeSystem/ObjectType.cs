namespace Distill.GraphQL.TypeSystem;

/// <summary>An object type. Declare fields with <see cref="ComplexType.Field"/>.</summary>
public sealed class ObjectType(string name) : ComplexType(name)
{
    public override TypeKind Kind => TypeKind.Object;

    /// <summary>The CLR type of the values this type represents; lets interfaces and unions pick the object type of a value.</summary>
    public Type? ClrType { get; set; }

    /// <summary>An explicit test of whether a value belongs to this type (used when <see cref="ClrType"/> is not enough).</summary>
    public Func<object, bool>? IsTypeOf { get; set; }

    public ObjectType Describe(string description)
    {
        Description = description;
        return this;
    }
}
