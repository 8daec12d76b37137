namespace Distill.GraphQL.TypeSystem;

/// <summary>A GraphQL type: a named type or a list / non-null wrapper around one.</summary>
public abstract class GraphQLType
{
    private protected GraphQLType()
    {
    }

    public abstract TypeKind Kind { get; }

    /// <summary>The named type under all list and non-null wrappers.</summary>
    public abstract NamedType Named { get; }

    internal bool IsInputType => Named is ScalarType or EnumType or InputObjectType;

    internal bool IsOutputType => Named is ScalarType or EnumType or ObjectType or InterfaceType or UnionType;

    internal GraphQLType Nullable => this is NonNullType nn ? nn.OfType : this;
}
