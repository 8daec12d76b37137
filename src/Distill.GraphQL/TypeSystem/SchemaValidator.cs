using System.Text.RegularExpressions;

namespace Distill.GraphQL.TypeSystem;

/// <summary>The type-system validation rules, checked once when the schema is built.</summary>
internal static partial class SchemaValidator
{
    public static List<string> Validate(Schema schema)
    {
        var errors = new List<string>();
        if (schema.Query.Fields.Count == 0)
        {
            errors.Add("Query root type must define one or more fields.");
        }

        if (schema.Subscription is { } subscription)
        {
            if (subscription.Fields.Count == 0)
            {
                errors.Add("Subscription root type must define one or more fields.");
            }

            if (ReferenceEquals(subscription, schema.Query) || ReferenceEquals(subscription, schema.Mutation))
            {
                errors.Add("The subscription root type must differ from the query and mutation root types.");
            }

            foreach (var field in subscription.Fields)
            {
                if (field.Subscriber is null)
                {
                    errors.Add($"The subscription field {subscription.Name}.{field.Name} has no source stream (FieldBuilder.Subscribe).");
                }
            }
        }

        foreach (var type in schema.TypeList)
        {
            var introspectionType = type.Name.StartsWith("__", StringComparison.Ordinal);
            if (!NamePattern().IsMatch(type.Name))
            {
                errors.Add($"Names must match /^[_a-zA-Z][_a-zA-Z0-9]*$/ but \"{type.Name}\" does not.");
            }

            switch (type)
            {
                case ComplexType c:
                    ValidateComplex(schema, c, introspectionType, errors);
                    break;
                case UnionType u:
                    if (u.Types.Count == 0)
                    {
                        errors.Add($"Union type {u.Name} must define one or more member types.");
                    }

                    if (u.Types.Distinct().Count() != u.Types.Count)
                    {
                        errors.Add($"Union type {u.Name} can only include each type once.");
                    }

                    foreach (var m in u.Types)
                    {
                        if (m is not ObjectType)
                        {
                            errors.Add($"Union type {u.Name} can only include Object types, it cannot include {m.Name}.");
                        }
                    }

                    break;
                case EnumType e:
                    if (e.Values.Count == 0)
                    {
                        errors.Add($"Enum type {e.Name} must define one or more values.");
                    }

                    foreach (var v in e.Values)
                    {
                        if (!NamePattern().IsMatch(v.Name) || v.Name is "true" or "false" or "null")
                        {
                            errors.Add($"Enum type {e.Name} cannot include value: {v.Name}.");
                        }
                    }

                    break;
                case InputObjectType io:
                    if (io.Fields.Count == 0)
                    {
                        errors.Add($"Input Object type {io.Name} must define one or more fields.");
                    }

                    foreach (var f in io.Fields)
                    {
                        CheckName(f.Name, $"{io.Name}.{f.Name}", false, errors);
                        if (!f.Type.IsInputType)
                        {
                            errors.Add($"The type of {io.Name}.{f.Name} must be Input Type but got: {f.Type}.");
                        }

                        if (f.DeprecationReason is not null && f.Type is NonNullType && !f.HasDefaultValue)
                        {
                            errors.Add($"Required input field {io.Name}.{f.Name} cannot be deprecated.");
                        }
                    }

                    CheckInputCycle(io, io, [], [], errors);
                    break;
                default:
                    break;
            }

            if (!introspectionType)
            {
                CheckName(type.Name, type.Name, false, errors);
            }
        }

        return errors;
    }

    private static void ValidateComplex(Schema schema, ComplexType c, bool introspectionType, List<string> errors)
    {
        if (c.Fields.Count == 0)
        {
            errors.Add($"Type {c.Name} must define one or more fields.");
        }

        foreach (var f in c.Fields)
        {
            CheckName(f.Name, $"{c.Name}.{f.Name}", introspectionType, errors);
            if (!f.Type.IsOutputType)
            {
                errors.Add($"The type of {c.Name}.{f.Name} must be Output Type but got: {f.Type}.");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var a in f.Arguments)
            {
                CheckName(a.Name, $"{c.Name}.{f.Name}({a.Name}:)", false, errors);
                if (!names.Add(a.Name))
                {
                    errors.Add($"Argument {c.Name}.{f.Name}({a.Name}:) can only be defined once.");
                }

                if (!a.Type.IsInputType)
                {
                    errors.Add($"The type of {c.Name}.{f.Name}({a.Name}:) must be Input Type but got: {a.Type}.");
                }

                if (a.DeprecationReason is not null && a.Type is NonNullType && !a.HasDefaultValue)
                {
                    errors.Add($"Required argument {c.Name}.{f.Name}({a.Name}:) cannot be deprecated.");
                }
            }
        }

        var seen = new HashSet<NamedType>();
        foreach (var i in c.Interfaces)
        {
            if (i is not InterfaceType iface)
            {
                errors.Add($"Type {c.Name} must only implement Interface types, it cannot implement {i.Name}.");
                continue;
            }

            if (iface == c)
            {
                errors.Add($"Type {c.Name} cannot implement itself because it would create a circular reference.");
                continue;
            }

            if (!seen.Add(iface))
            {
                errors.Add($"Type {c.Name} can only implement {iface.Name} once.");
                continue;
            }

            foreach (var transitive in iface.Interfaces)
            {
                if (!c.Interfaces.Contains(transitive))
                {
                    errors.Add($"Type {c.Name} must implement {transitive.Name} because it is implemented by {iface.Name}.");
                }
            }

            foreach (var ifield in iface.Fields)
            {
                var field = c.GetField(ifield.Name);
                if (field is null)
                {
                    errors.Add($"Interface field {iface.Name}.{ifield.Name} expected but {c.Name} does not provide it.");
                    continue;
                }

                if (!schema.IsTypeSubTypeOf(field.Type, ifield.Type))
                {
                    errors.Add($"Interface field {iface.Name}.{ifield.Name} expects type {ifield.Type} but {c.Name}.{field.Name} is type {field.Type}.");
                }

                foreach (var iarg in ifield.Arguments)
                {
                    var arg = field.GetArgument(iarg.Name);
                    if (arg is null)
                    {
                        errors.Add($"Interface field argument {iface.Name}.{ifield.Name}({iarg.Name}:) expected but {c.Name}.{field.Name} does not provide it.");
                    }
                    else if (arg.Type.ToString() != iarg.Type.ToString())
                    {
                        errors.Add($"Interface field argument {iface.Name}.{ifield.Name}({iarg.Name}:) expects type {iarg.Type} but {c.Name}.{field.Name}({arg.Name}:) is type {arg.Type}.");
                    }
                }

                foreach (var arg in field.Arguments)
                {
                    if (ifield.GetArgument(arg.Name) is null && arg.Type is NonNullType && !arg.HasDefaultValue)
                    {
                        errors.Add($"Object field {c.Name}.{field.Name} includes required argument {arg.Name} that is missing from the Interface field {iface.Name}.{ifield.Name}.");
                    }
                }
            }
        }
    }

    private static void CheckName(string name, string where, bool allowReserved, List<string> errors)
    {
        if (!allowReserved && name.StartsWith("__", StringComparison.Ordinal))
        {
            errors.Add($"Name \"{where}\" must not begin with \"__\", which is reserved by GraphQL introspection.");
        }
        else if (!NamePattern().IsMatch(name))
        {
            errors.Add($"Names must match /^[_a-zA-Z][_a-zA-Z0-9]*$/ but \"{where}\" does not.");
        }
    }

    /// <summary>Input objects may not reference themselves through a chain of non-null, non-list fields.</summary>
    private static void CheckInputCycle(InputObjectType root, InputObjectType start, HashSet<InputObjectType> visiting, List<string> path, List<string> errors)
    {
        if (!visiting.Add(start))
        {
            return;
        }

        foreach (var f in start.Fields)
        {
            if (f.Type is NonNullType { OfType: InputObjectType target })
            {
                path.Add(f.Name);
                if (target == root)
                {
                    errors.Add($"Cannot reference Input Object \"{target.Name}\" within itself through a series of non-null fields: \"{string.Join('.', path)}\".");
                }
                else
                {
                    CheckInputCycle(root, target, visiting, path, errors);
                }

                path.RemoveAt(path.Count - 1);
            }
        }

        visiting.Remove(start);
    }

    [GeneratedRegex("^[_a-zA-Z][_a-zA-Z0-9]*$")]
    private static partial Regex NamePattern();
}
