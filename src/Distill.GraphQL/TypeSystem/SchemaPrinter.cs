using System.Text;
using Distill.GraphQL.Introspection;
using Distill.GraphQL.Language;

namespace Distill.GraphQL.TypeSystem;

/// <summary>Prints a schema as SDL (types sorted by name, so the output is stable for a committed schema file).</summary>
internal static class SchemaPrinter
{
    public static string Print(Schema schema)
    {
        var blocks = new List<string>();
        if (schema.Description is not null || schema.Query.Name != "Query" || schema.Mutation is { Name: not "Mutation" } || schema.Subscription is { Name: not "Subscription" })
        {
            var sb = new StringBuilder();
            AppendDescription(sb, schema.Description, string.Empty);
            sb.Append("schema {\n  query: ").Append(schema.Query.Name).Append('\n');
            if (schema.Mutation is not null)
            {
                sb.Append("  mutation: ").Append(schema.Mutation.Name).Append('\n');
            }

            if (schema.Subscription is not null)
            {
                sb.Append("  subscription: ").Append(schema.Subscription.Name).Append('\n');
            }

            blocks.Add(sb.Append('}').ToString());
        }

        foreach (var d in schema.DirectiveList.Where(d => !d.IsBuiltIn).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var sb = new StringBuilder();
            AppendDescription(sb, d.Description, string.Empty);
            sb.Append("directive @").Append(d.Name);
            AppendArguments(sb, d.Arguments);
            if (d.IsRepeatable)
            {
                sb.Append(" repeatable");
            }

            sb.Append(" on ").Append(string.Join(" | ", d.Locations.Select(l => ToUpperSnake(l.ToString()))));
            blocks.Add(sb.ToString());
        }

        foreach (var type in schema.TypeList.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (IntrospectionTypes.IsIntrospectionName(type.Name) || type is ScalarType { IsBuiltIn: true })
            {
                continue;
            }

            blocks.Add(PrintType(type));
        }

        return string.Join("\n\n", blocks) + "\n";
    }

    private static string PrintType(NamedType type)
    {
        var sb = new StringBuilder();
        AppendDescription(sb, type.Description, string.Empty);
        switch (type)
        {
            case ScalarType s:
                sb.Append("scalar ").Append(s.Name);
                if (s.SpecifiedByUrl is not null)
                {
                    sb.Append(" @specifiedBy(url: ");
                    Printer.AppendQuoted(sb, s.SpecifiedByUrl);
                    sb.Append(')');
                }

                break;
            case ComplexType c:
                sb.Append(c is InterfaceType ? "interface " : "type ").Append(c.Name);
                if (c.Interfaces.Count > 0)
                {
                    sb.Append(" implements ").Append(string.Join(" & ", c.Interfaces.Select(i => i.Name)));
                }

                sb.Append(" {\n");
                foreach (var f in c.Fields)
                {
                    AppendDescription(sb, f.Description, "  ");
                    sb.Append("  ").Append(f.Name);
                    AppendArguments(sb, f.Arguments);
                    sb.Append(": ").Append(f.Type);
                    AppendDeprecated(sb, f.DeprecationReason);
                    sb.Append('\n');
                }

                sb.Append('}');
                break;
            case UnionType u:
                sb.Append("union ").Append(u.Name).Append(" = ").Append(string.Join(" | ", u.Types.Select(t => t.Name)));
                break;
            case EnumType e:
                sb.Append("enum ").Append(e.Name).Append(" {\n");
                foreach (var v in e.Values)
                {
                    AppendDescription(sb, v.Description, "  ");
                    sb.Append("  ").Append(v.Name);
                    AppendDeprecated(sb, v.DeprecationReason);
                    sb.Append('\n');
                }

                sb.Append('}');
                break;
            case InputObjectType io:
                sb.Append("input ").Append(io.Name).Append(" {\n");
                foreach (var f in io.Fields)
                {
                    AppendDescription(sb, f.Description, "  ");
                    sb.Append("  ");
                    AppendInputValue(sb, f);
                    sb.Append('\n');
                }

                sb.Append('}');
                break;
            default:
                break;
        }

        return sb.ToString();
    }

    private static void AppendArguments(StringBuilder sb, IReadOnlyList<InputValueDefinition> arguments)
    {
        if (arguments.Count == 0)
        {
            return;
        }

        if (arguments.All(a => a.Description is null))
        {
            sb.Append('(');
            for (var i = 0; i < arguments.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(", ");
                }

                AppendInputValue(sb, arguments[i]);
            }

            sb.Append(')');
            return;
        }

        sb.Append("(\n");
        foreach (var a in arguments)
        {
            AppendDescription(sb, a.Description, "    ");
            sb.Append("    ");
            AppendInputValue(sb, a);
            sb.Append('\n');
        }

        sb.Append("  )");
    }

    private static void AppendInputValue(StringBuilder sb, InputValueDefinition value)
    {
        sb.Append(value.Name).Append(": ").Append(value.Type);
        if (value.HasDefaultValue)
        {
            sb.Append(" = ").Append(ValuePrinter.Print(value.DefaultValue, value.Type));
        }

        AppendDeprecated(sb, value.DeprecationReason);
    }

    private static void AppendDeprecated(StringBuilder sb, string? reason)
    {
        if (reason is null)
        {
            return;
        }

        sb.Append(" @deprecated");
        if (reason != "No longer supported")
        {
            sb.Append("(reason: ");
            Printer.AppendQuoted(sb, reason);
            sb.Append(')');
        }
    }

    private static void AppendDescription(StringBuilder sb, string? description, string indent)
    {
        if (description is null)
        {
            return;
        }

        sb.Append(indent);
        if (description.Length < 70 && !description.Contains('\n', StringComparison.Ordinal))
        {
            Printer.AppendQuoted(sb, description);
        }
        else
        {
            sb.Append(BlockString.Print(description).Replace("\n", "\n" + indent, StringComparison.Ordinal));
        }

        sb.Append('\n');
    }

    private static string ToUpperSnake(string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(name[i]));
        }

        return sb.ToString();
    }
}
