using System.Text.Json;
using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Execution;

/// <summary>Input coercion: variables from JSON, literals and arguments from the document, as the specification describes.</summary>
internal static class ValueCoercer
{
    private static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();

    public static GraphQLType? TypeFromNode(Schema schema, TypeNode node) => node switch
    {
        NamedTypeNode n => schema.GetType(n.Name.Value),
        ListTypeNode l => TypeFromNode(schema, l.Type) is { } inner ? new ListType(inner) : null,
        NonNullTypeNode nn => TypeFromNode(schema, nn.Type) is { } inner2 ? new NonNullType(inner2) : null,
        _ => null,
    };

    /// <summary>Coerces the request's variables for an operation; errors are returned, not thrown.</summary>
    public static Dictionary<string, object?> CoerceVariables(
        Schema schema, OperationDefinitionNode operation, JsonElement? input, SourceText source, List<GraphQLError> errors)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var definition in operation.VariableDefinitions)
        {
            var name = definition.Variable.Name.Value;
            var type = TypeFromNode(schema, definition.Type)!;
            var location = new[] { source.GetLocation(definition.Start) };
            JsonElement value = default;
            var provided = input is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out value);
            if (!provided)
            {
                if (definition.DefaultValue is not null)
                {
                    try
                    {
                        result[name] = CoerceLiteral(definition.DefaultValue, type, null);
                    }
                    catch (InputCoercionException ex)
                    {
                        errors.Add(new GraphQLError($"Variable \"${name}\" has invalid default value: {ex.Message}", location, null, ErrorCodes.BadUserInput));
                    }
                }
                else if (type is NonNullType)
                {
                    errors.Add(new GraphQLError($"Variable \"${name}\" of required type \"{type}\" was not provided.", location, null, ErrorCodes.BadUserInput));
                }

                continue;
            }

            if (value.ValueKind == JsonValueKind.Null && type is NonNullType)
            {
                errors.Add(new GraphQLError($"Variable \"${name}\" of non-null type \"{type}\" must not be null.", location, null, ErrorCodes.BadUserInput));
                continue;
            }

            try
            {
                result[name] = CoerceJson(value, type, string.Empty);
            }
            catch (InputCoercionException ex)
            {
                errors.Add(new GraphQLError($"Variable \"${name}\" got invalid value {Truncate(value.GetRawText())}; {ex.Message}", location, null, ErrorCodes.BadUserInput));
            }
        }

        return result;
    }

    public static object? CoerceJson(JsonElement value, GraphQLType type, string path)
    {
        if (type is NonNullType nn)
        {
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                throw new InputCoercionException($"Expected non-nullable type \"{type}\" not to be null{At(path)}.");
            }

            return CoerceJson(value, nn.OfType, path);
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (type)
        {
            case ListType list:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return new[] { CoerceJson(value, list.OfType, path) };
                }

                var items = new object?[value.GetArrayLength()];
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    items[i] = CoerceJson(item, list.OfType, $"{path}[{i}]");
                    i++;
                }

                return items;
            case InputObjectType io:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    throw new InputCoercionException($"Expected type \"{io.Name}\" to be an object{At(path)}.");
                }

                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in value.EnumerateObject())
                {
                    if (io.GetField(property.Name) is null)
                    {
                        throw new InputCoercionException($"Field \"{property.Name}\" is not defined by type \"{io.Name}\"{At(path)}.");
                    }
                }

                foreach (var field in io.Fields)
                {
                    if (value.TryGetProperty(field.Name, out var fieldValue))
                    {
                        map[field.Name] = CoerceJson(fieldValue, field.Type, path + "." + field.Name);
                    }
                    else if (field.HasDefaultValue)
                    {
                        map[field.Name] = field.DefaultValue;
                    }
                    else if (field.Type is NonNullType)
                    {
                        throw new InputCoercionException($"Field \"{field.Name}\" of required type \"{field.Type}\" was not provided{At(path)}.");
                    }
                }

                return map;
            case EnumType e:
                if (value.ValueKind == JsonValueKind.String && e.GetValue(value.GetString()!) is { } ev)
                {
                    return ev.Value;
                }

                throw new InputCoercionException($"Value {Truncate(value.GetRawText())} does not exist in \"{e.Name}\" enum{At(path)}.");
            case ScalarType s:
                return s.ParseValue(value);
            default:
                throw new InputCoercionException($"Type \"{type}\" is not an input type.");
        }
    }

    /// <summary>Coerces a literal; a variable that was not provided yields <see cref="Missing"/>.</summary>
    public static object? CoerceLiteral(ValueNode node, GraphQLType type, IReadOnlyDictionary<string, object?>? variables)
    {
        if (node is VariableNode variable)
        {
            if (variables is not null && variables.TryGetValue(variable.Name.Value, out var v))
            {
                if (v is null && type is NonNullType)
                {
                    throw new InputCoercionException($"Variable \"${variable.Name.Value}\" of non-null type \"{type}\" must not be null.");
                }

                return v;
            }

            return Missing;
        }

        if (type is NonNullType nn)
        {
            if (node is NullValueNode)
            {
                throw new InputCoercionException($"Expected value of non-null type \"{type}\" not to be null.");
            }

            var inner = CoerceLiteral(node, nn.OfType, variables);
            if (inner is null || inner == Missing)
            {
                throw new InputCoercionException($"Expected value of non-null type \"{type}\" not to be null.");
            }

            return inner;
        }

        if (node is NullValueNode)
        {
            return null;
        }

        switch (type)
        {
            case ListType list:
                if (node is ListValueNode listNode)
                {
                    var items = new object?[listNode.Values.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        var item = CoerceLiteral(listNode.Values[i], list.OfType, variables);
                        items[i] = item == Missing ? null : item;
                    }

                    return items;
                }

                var single = CoerceLiteral(node, list.OfType, variables);
                return single == Missing ? Missing : new[] { single };
            case InputObjectType io:
                if (node is not ObjectValueNode objectNode)
                {
                    throw new InputCoercionException($"Expected value of type \"{io.Name}\", found {Printer.PrintValue(node)}.");
                }

                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var field in io.Fields)
                {
                    ObjectFieldNode? fieldNode = null;
                    foreach (var f in objectNode.Fields)
                    {
                        if (f.Name.Value == field.Name)
                        {
                            fieldNode = f;
                            break;
                        }
                    }

                    var fieldValue = fieldNode is null ? Missing : CoerceLiteral(fieldNode.Value, field.Type, variables);
                    if (fieldValue != Missing)
                    {
                        map[field.Name] = fieldValue;
                    }
                    else if (field.HasDefaultValue)
                    {
                        map[field.Name] = field.DefaultValue;
                    }
                    else if (field.Type is NonNullType)
                    {
                        throw new InputCoercionException($"Field \"{io.Name}.{field.Name}\" of required type \"{field.Type}\" was not provided.");
                    }
                }

                return map;
            case EnumType e:
                if (node is EnumValueNode en && e.GetValue(en.Value) is { } ev)
                {
                    return ev.Value;
                }

                throw new InputCoercionException($"Value \"{Printer.PrintValue(node)}\" does not exist in \"{e.Name}\" enum.");
            case ScalarType s:
                return s.ParseLiteral(node);
            default:
                throw new InputCoercionException($"Type \"{type}\" is not an input type.");
        }
    }

    /// <summary>Coerces the arguments of a field or directive (CoerceArgumentValues of the specification).</summary>
    public static IReadOnlyDictionary<string, object?> CoerceArguments(
        IReadOnlyList<InputValueDefinition> definitions, IReadOnlyList<ArgumentNode> nodes, IReadOnlyDictionary<string, object?>? variables)
    {
        if (definitions.Count == 0)
        {
            return NoArguments;
        }

        var result = new Dictionary<string, object?>(definitions.Count, StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            ArgumentNode? node = null;
            foreach (var n in nodes)
            {
                if (n.Name.Value == definition.Name)
                {
                    node = n;
                    break;
                }
            }

            var value = node is null ? Missing : CoerceLiteral(node.Value, definition.Type, variables);
            if (value != Missing)
            {
                result[definition.Name] = value;
            }
            else if (definition.HasDefaultValue)
            {
                result[definition.Name] = definition.DefaultValue;
            }
            else if (definition.Type is NonNullType)
            {
                throw new InputCoercionException($"Argument \"{definition.Name}\" of required type \"{definition.Type}\" was not provided.");
            }
        }

        return result;
    }

    /// <summary>Marks a variable that the request did not provide (different from an explicit null).</summary>
    public static readonly object Missing = new();

    private static string At(string path) => path.Length == 0 ? string.Empty : $" at \"value{path}\"";

    private static string Truncate(string s) => s.Length <= 100 ? s : s[..100] + "...";
}
