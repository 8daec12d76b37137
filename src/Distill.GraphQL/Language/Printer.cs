using System.Text;

namespace Distill.GraphQL.Language;

/// <summary>Prints a document back to canonical GraphQL text (two-space indentation, like graphql-js's print).</summary>
internal static class Printer
{
    public static string Print(DocumentNode document)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < document.Definitions.Count; i++)
        {
            if (i > 0)
            {
                sb.Append("\n\n");
            }

            PrintDefinition(sb, document.Definitions[i]);
        }

        return sb.ToString();
    }

    public static string PrintValue(ValueNode value)
    {
        var sb = new StringBuilder();
        PrintValue(sb, value);
        return sb.ToString();
    }

    public static string PrintType(TypeNode type) => type switch
    {
        NamedTypeNode n => n.Name.Value,
        ListTypeNode l => "[" + PrintType(l.Type) + "]",
        NonNullTypeNode nn => PrintType(nn.Type) + "!",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static void PrintDefinition(StringBuilder sb, DefinitionNode definition)
    {
        switch (definition)
        {
            case OperationDefinitionNode op:
                var anonymousQuery = op.Name is null && op.Operation == OperationType.Query
                    && op.VariableDefinitions.Count == 0 && op.Directives.Count == 0;
                if (!anonymousQuery)
                {
                    sb.Append(op.Operation switch
                    {
                        OperationType.Query => "query",
                        OperationType.Mutation => "mutation",
                        _ => "subscription",
                    });
                    if (op.Name is not null)
                    {
                        sb.Append(' ').Append(op.Name.Value);
                    }

                    if (op.VariableDefinitions.Count > 0)
                    {
                        sb.Append('(');
                        for (var i = 0; i < op.VariableDefinitions.Count; i++)
                        {
                            var v = op.VariableDefinitions[i];
                            if (i > 0)
                            {
                                sb.Append(", ");
                            }

                            sb.Append('$').Append(v.Variable.Name.Value).Append(": ").Append(PrintType(v.Type));
                            if (v.DefaultValue is not null)
                            {
                                sb.Append(" = ");
                                PrintValue(sb, v.DefaultValue);
                            }

                            PrintDirectives(sb, v.Directives);
                        }

                        sb.Append(')');
                    }

                    PrintDirectives(sb, op.Directives);
                    sb.Append(' ');
                }

                PrintSelectionSet(sb, op.SelectionSet, 0);
                break;
            case FragmentDefinitionNode f:
                sb.Append("fragment ").Append(f.Name.Value).Append(" on ").Append(f.TypeCondition.Name.Value);
                PrintDirectives(sb, f.Directives);
                sb.Append(' ');
                PrintSelectionSet(sb, f.SelectionSet, 0);
                break;
            case TypeSystemDefinitionNode t:
                sb.Append("# ").Append(t.Keyword).Append(' ').Append(t.Name).Append(" (type-system definition omitted)");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(definition));
        }
    }

    private static void PrintSelectionSet(StringBuilder sb, SelectionSetNode set, int indent)
    {
        sb.Append("{\n");
        foreach (var selection in set.Selections)
        {
            sb.Append(' ', (indent + 1) * 2);
            switch (selection)
            {
                case FieldNode field:
                    if (field.Alias is not null)
                    {
                        sb.Append(field.Alias.Value).Append(": ");
                    }

                    sb.Append(field.Name.Value);
                    PrintArguments(sb, field.Arguments);
                    PrintDirectives(sb, field.Directives);
                    if (field.SelectionSet is not null)
                    {
                        sb.Append(' ');
                        PrintSelectionSet(sb, field.SelectionSet, indent + 1);
                    }

                    break;
                case FragmentSpreadNode spread:
                    sb.Append("...").Append(spread.Name.Value);
                    PrintDirectives(sb, spread.Directives);
                    break;
                case InlineFragmentNode inline:
                    sb.Append("...");
                    if (inline.TypeCondition is not null)
                    {
                        sb.Append(" on ").Append(inline.TypeCondition.Name.Value);
                    }

                    PrintDirectives(sb, inline.Directives);
                    sb.Append(' ');
                    PrintSelectionSet(sb, inline.SelectionSet, indent + 1);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(set));
            }

            sb.Append('\n');
        }

        sb.Append(' ', indent * 2).Append('}');
    }

    private static void PrintArguments(StringBuilder sb, IReadOnlyList<ArgumentNode> arguments)
    {
        if (arguments.Count == 0)
        {
            return;
        }

        sb.Append('(');
        for (var i = 0; i < arguments.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(arguments[i].Name.Value).Append(": ");
            PrintValue(sb, arguments[i].Value);
        }

        sb.Append(')');
    }

    private static void PrintDirectives(StringBuilder sb, IReadOnlyList<DirectiveNode> directives)
    {
        foreach (var d in directives)
        {
            sb.Append(" @").Append(d.Name.Value);
            PrintArguments(sb, d.Arguments);
        }
    }

    private static void PrintValue(StringBuilder sb, ValueNode value)
    {
        switch (value)
        {
            case VariableNode v: sb.Append('$').Append(v.Name.Value); break;
            case IntValueNode i: sb.Append(i.Value); break;
            case FloatValueNode f: sb.Append(f.Value); break;
            case StringValueNode s when s.Block: sb.Append(BlockString.Print(s.Value)); break;
            case StringValueNode s: AppendQuoted(sb, s.Value); break;
            case BooleanValueNode b: sb.Append(b.Value ? "true" : "false"); break;
            case NullValueNode: sb.Append("null"); break;
            case EnumValueNode e: sb.Append(e.Value); break;
            case ListValueNode l:
                sb.Append('[');
                for (var i = 0; i < l.Values.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    PrintValue(sb, l.Values[i]);
                }

                sb.Append(']');
                break;
            case ObjectValueNode o:
                sb.Append('{');
                for (var i = 0; i < o.Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    sb.Append(o.Fields[i].Name.Value).Append(": ");
                    PrintValue(sb, o.Fields[i].Value);
                }

                sb.Append('}');
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value));
        }
    }

    /// <summary>Appends a JSON-compatible quoted string literal.</summary>
    public static void AppendQuoted(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < ' ')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
