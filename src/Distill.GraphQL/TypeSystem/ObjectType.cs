namespace Distill.GraphQL.TypeSystem;

/// <summary>An object type. Declare fields with <see cref="ComplexType.Field"/>.</summary>
public sealed class ObjectType(string name) : ComplexType(name)
{
    public override TypeKind Kind => TypeKind.Object;

    /// <summary>The CLR type of the values this type represents; lets interfaces and unions pick the object type of a value.</summary>
    public Type? ClrType { get; set; }

    /// <summary>An explicit test of whether a value belongs to this type (used when <see cref="ClrType"/> is not enough).</summary>
    public Func<object, bool>? IsTypeOf { get; set; }

    /// <summary>
    /// Declares that a value of this type never changes once created (e.g. a detection run's evidence chain, held for
    /// the run's lifetime). The engine then reuses the completed result of the same selection on the same value
    /// (by reference) across requests, when every field the selection reaches, down to its leaves, is resolved from
    /// its parent (no resolver, no authorization check) and the completion added no error.
    /// </summary>
    public bool ImmutableValues { get; set; }

    public ObjectType Describe(string description)
    {
        Description = description;
        return this;
    }
}
