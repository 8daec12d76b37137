namespace Distill.GraphQL.TypeSystem;

/// <summary>A reference by name to a type declared elsewhere in the schema; replaced by the real type when the schema is built.</summary>
public sealed class TypeReference(string name) : NamedType(name)
{
    public override TypeKind Kind => throw new InvalidOperationException($"Type reference \"{Name}\" was not resolved.");
}
