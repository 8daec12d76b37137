namespace Distill.GraphQL.TypeSystem;

/// <summary>The kinds of GraphQL types, as introspection reports them.</summary>
public enum TypeKind
{
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
    List,
    NonNull,
}
