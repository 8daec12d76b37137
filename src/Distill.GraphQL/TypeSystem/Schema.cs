using Distill.GraphQL.Language;

namespace Distill.GraphQL.TypeSystem;

/// <summary>A validated, immutable GraphQL schema. Build one with <see cref="SchemaBuilder"/>.</summary>
public sealed class Schema
{
    private readonly Dictionary<string, NamedType> _types;
    private readonly Dictionary<string, DirectiveDefinition> _directives;
    private readonly Dictionary<NamedType, ObjectType[]> _possibleTypes = [];
    private readonly Dictionary<NamedType, HashSet<NamedType>> _subTypes = [];

    internal Schema(
        ObjectType query,
        ObjectType? mutation,
        ObjectType? subscription,
        string? description,
        Dictionary<string, NamedType> types,
        Dictionary<string, DirectiveDefinition> directives)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        Description = description;
        _types = types;
        _directives = directives;
        foreach (var type in types.Values)
        {
            switch (type)
            {
                case UnionType u:
                    _possibleTypes[u] = [.. u.Types.OfType<ObjectType>()];
                    _subTypes[u] = [.. u.Types];
                    break;
                case InterfaceType i:
                    var implementations = types.Values.OfType<ComplexType>().Where(t => t.Interfaces.Contains(i)).ToArray();
                    _possibleTypes[i] = [.. implementations.OfType<ObjectType>()];
                    _subTypes[i] = [.. implementations];
                    break;
                default:
                    break;
            }
        }

        TypeList = [.. types.Values];
        DirectiveList = [.. directives.Values];
    }

    public ObjectType Query { get; }

    public ObjectType? Mutation { get; }

    public ObjectType? Subscription { get; }

    public string? Description { get; }

    internal Introspection.IntrospectionTypes Introspection { get; init; } = null!;

    public IReadOnlyList<NamedType> TypeList { get; }

    public IReadOnlyList<DirectiveDefinition> DirectiveList { get; }

    public NamedType? GetType(string name) => _types.GetValueOrDefault(name);

    public DirectiveDefinition? GetDirective(string name) => _directives.GetValueOrDefault(name);

    /// <summary>The object types a value of an interface or union may have.</summary>
    public IReadOnlyList<ObjectType> GetPossibleTypes(NamedType abstractType) =>
        abstractType is ObjectType o ? [o] : _possibleTypes.GetValueOrDefault(abstractType) ?? [];

    public ObjectType? GetRootType(OperationType operation) => operation switch
    {
        OperationType.Query => Query,
        OperationType.Mutation => Mutation,
        _ => Subscription,
    };

    /// <summary>The schema as SDL, without built-in scalars, directives and introspection types.</summary>
    public string ToSdl() => SchemaPrinter.Print(this);

    internal bool IsPossibleType(NamedType abstractType, ObjectType objectType) =>
        abstractType == objectType || (_subTypes.TryGetValue(abstractType, out var set) && set.Contains(objectType));

    /// <summary>Whether <paramref name="maybeSub"/> is <paramref name="super"/> or an implementation/member of it.</summary>
    internal bool IsSubType(NamedType super, NamedType maybeSub) =>
        super == maybeSub || (_subTypes.TryGetValue(super, out var set) && set.Contains(maybeSub));

    /// <summary>Whether two composite types can have a value in common (for fragment spreads).</summary>
    internal bool Overlaps(NamedType a, NamedType b)
    {
        if (a == b)
        {
            return true;
        }

        var pa = GetPossibleTypes(a);
        var pb = GetPossibleTypes(b);
        foreach (var x in pa)
        {
            foreach (var y in pb)
            {
                if (x == y)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Type compatibility for field return types: covariance through non-null and list wrappers.</summary>
    internal bool IsTypeSubTypeOf(GraphQLType maybeSub, GraphQLType super)
    {
        if (maybeSub == super)
        {
            return true;
        }

        if (super is NonNullType sn)
        {
            return maybeSub is NonNullType mn && IsTypeSubTypeOf(mn.OfType, sn.OfType);
        }

        if (maybeSub is NonNullType mnn)
        {
            return IsTypeSubTypeOf(mnn.OfType, super);
        }

        if (super is ListType sl)
        {
            return maybeSub is ListType ml && IsTypeSubTypeOf(ml.OfType, sl.OfType);
        }

        if (maybeSub is ListType)
        {
            return false;
        }

        return super is InterfaceType or UnionType && maybeSub is NamedType n && IsSubType((NamedType)super, n);
    }
}
