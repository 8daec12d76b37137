namespace Distill.GraphQL.TypeSystem;

/// <summary>
/// Code-first schema construction: declare types, then <see cref="Build"/> resolves <see cref="Types.Named"/> references,
/// adds introspection and validates the type-system rules (throwing <see cref="SchemaValidationException"/>).
/// </summary>
public sealed class SchemaBuilder
{
    private readonly List<NamedType> _declared = [];
    private readonly List<DirectiveDefinition> _directives = [];

    public SchemaBuilder()
    {
        Query = new ObjectType("Query");
    }

    /// <summary>The query root type (named Query).</summary>
    public ObjectType Query { get; }

    /// <summary>The mutation root type; created by the first call to <see cref="MutationType"/>.</summary>
    public ObjectType? Mutation { get; private set; }

    /// <summary>The subscription root type; created by the first call to <see cref="SubscriptionType"/>.</summary>
    public ObjectType? Subscription { get; private set; }

    public string? Description { get; set; }

    public ObjectType MutationType() => Mutation ??= new ObjectType("Mutation");

    /// <summary>
    /// The subscription root type (named Subscription). Each of its fields needs a source stream
    /// (<see cref="FieldBuilder.Subscribe{T}(Func{Execution.ResolverContext, CancellationToken, IAsyncEnumerable{T}})"/>).
    /// </summary>
    public ObjectType SubscriptionType() => Subscription ??= new ObjectType("Subscription");

    public ObjectType Object(string name, string? description = null) => Add(new ObjectType(name) { Description = description });

    /// <summary>An object type for CLR values of type <typeparamref name="T"/> (lets interfaces and unions resolve it).</summary>
    public ObjectType Object<T>(string name, string? description = null) =>
        Add(new ObjectType(name) { Description = description, ClrType = typeof(T) });

    public InterfaceType Interface(string name, string? description = null) => Add(new InterfaceType(name) { Description = description });

    public UnionType Union(string name, string? description = null) => Add(new UnionType(name) { Description = description });

    public EnumType Enum(string name, string? description = null) => Add(new EnumType(name) { Description = description });

    public EnumType Enum<TEnum>(string name, string? description = null)
        where TEnum : struct, Enum => Add(EnumType.From<TEnum>(name, description));

    public InputObjectType InputObject(string name, string? description = null) => Add(new InputObjectType(name) { Description = description });

    /// <summary>Registers a type that is not reachable from the roots (e.g. an implementation only returned through an interface).</summary>
    public T Add<T>(T type)
        where T : NamedType
    {
        _declared.Add(type);
        return type;
    }

    public SchemaBuilder Directive(DirectiveDefinition directive)
    {
        _directives.Add(directive);
        return this;
    }

    public Schema Build()
    {
        var errors = new List<string>();
        var types = new Dictionary<string, NamedType>(StringComparer.Ordinal);
        var directives = new Dictionary<string, DirectiveDefinition>(StringComparer.Ordinal);
        foreach (var d in new[] { DirectiveDefinition.Include, DirectiveDefinition.Skip, DirectiveDefinition.Deprecated, DirectiveDefinition.SpecifiedBy }.Concat(_directives))
        {
            if (!directives.TryAdd(d.Name, d))
            {
                errors.Add($"There can be only one directive named \"@{d.Name}\".");
            }
        }

        var introspection = new Introspection.IntrospectionTypes();
        var pending = new Queue<NamedType>();
        pending.Enqueue(Query);
        if (Mutation is not null)
        {
            pending.Enqueue(Mutation);
        }

        if (Subscription is not null)
        {
            pending.Enqueue(Subscription);
        }

        foreach (var t in _declared)
        {
            pending.Enqueue(t);
        }

        foreach (var t in introspection.All)
        {
            pending.Enqueue(t);
        }

        pending.Enqueue(Types.String);
        pending.Enqueue(Types.Boolean);
        foreach (var d in directives.Values)
        {
            foreach (var a in d.Arguments)
            {
                pending.Enqueue(a.Type.Named);
            }
        }

        // Collect every named type reachable from the roots and the declared types.
        var references = new List<TypeReference>();
        while (pending.Count > 0)
        {
            var type = pending.Dequeue();
            if (type is TypeReference r)
            {
                references.Add(r);
                continue;
            }

            if (types.TryGetValue(type.Name, out var existing))
            {
                if (!ReferenceEquals(existing, type))
                {
                    errors.Add($"Schema must contain uniquely named types but contains multiple types named \"{type.Name}\".");
                }

                continue;
            }

            types.Add(type.Name, type);
            switch (type)
            {
                case ComplexType c:
                    foreach (var f in c.Fields)
                    {
                        if (f.Type is null)
                        {
                            errors.Add($"The field {c.Name}.{f.Name} has no type.");
                            continue;
                        }

                        pending.Enqueue(f.Type.Named);
                        foreach (var a in f.Arguments)
                        {
                            pending.Enqueue(a.Type.Named);
                        }
                    }

                    foreach (var i in c.Interfaces)
                    {
                        pending.Enqueue(i);
                    }

                    break;
                case UnionType u:
                    foreach (var m in u.Types)
                    {
                        pending.Enqueue(m);
                    }

                    break;
                case InputObjectType io:
                    foreach (var f in io.Fields)
                    {
                        pending.Enqueue(f.Type.Named);
                    }

                    break;
                default:
                    break;
            }
        }

        foreach (var r in references)
        {
            if (!types.ContainsKey(r.Name))
            {
                errors.Add($"Unknown type \"{r.Name}\" referenced with Types.Named.");
            }
        }

        if (errors.Count > 0)
        {
            throw new SchemaValidationException(errors);
        }

        ResolveReferences(types);
        var schema = new Schema(Query, Mutation, Subscription, Description, types, directives) { Introspection = introspection };
        var validationErrors = SchemaValidator.Validate(schema);
        if (validationErrors.Count > 0)
        {
            throw new SchemaValidationException(validationErrors);
        }

        return schema;
    }

    private static void ResolveReferences(Dictionary<string, NamedType> types)
    {
        foreach (var type in types.Values)
        {
            switch (type)
            {
                case ComplexType c:
                    foreach (var f in c.Fields)
                    {
                        f.Type = Resolve(f.Type, types);
                        foreach (var a in f.Arguments)
                        {
                            a.Type = Resolve(a.Type, types);
                        }
                    }

                    for (var i = 0; i < c.Interfaces.Count; i++)
                    {
                        c.ReplaceInterface(i, (NamedType)Resolve(c.Interfaces[i], types));
                    }

                    break;
                case UnionType u:
                    for (var i = 0; i < u.Types.Count; i++)
                    {
                        u.ReplaceMember(i, (NamedType)Resolve(u.Types[i], types));
                    }

                    break;
                case InputObjectType io:
                    foreach (var f in io.Fields)
                    {
                        f.Type = Resolve(f.Type, types);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static GraphQLType Resolve(GraphQLType type, Dictionary<string, NamedType> types)
    {
        switch (type)
        {
            case TypeReference r:
                return types[r.Name];
            case ListType l:
                l.OfType = Resolve(l.OfType, types);
                return l;
            case NonNullType n:
                n.OfType = Resolve(n.OfType, types);
                return n;
            default:
                return type;
        }
    }
}
