using System.Collections;
using System.Text;
using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Introspection;

/// <summary>Prints an internal value (a default value) as a GraphQL literal of a given input type.</summary>
internal static class ValuePrinter
{
    public static string Print(object? value, GraphQLType type)
    {
        var sb = new StringBuilder();
        Append(sb, value, type);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value, GraphQLType type)
    {
        if (value is null)
        {
            sb.Append("null");
            return;
        }

        switch (type)
        {
            case NonNullType nn:
                Append(sb, value, nn.OfType);
                return;
            case ListType l:
                if (value is IEnumerable items and not string)
                {
                    sb.Append('[');
                    var first = true;
                    foreach (var item in items)
                    {
                        if (!first)
                        {
                            sb.Append(", ");
                        }

                        first = false;
                        Append(sb, item, l.OfType);
                    }

                    sb.Append(']');
                }
                else
                {
                    Append(sb, value, l.OfType);
                }

                return;
            case EnumType e:
                sb.Append(e.FindByValue(value)?.Name ?? value.ToString());
                return;
            case InputObjectType io when value is IReadOnlyDictionary<string, object?> map:
                sb.Append('{');
                var firstField = true;
                foreach (var f in io.Fields)
                {
                    if (map.TryGetValue(f.Name, out var v))
                    {
                        if (!firstField)
                        {
                            sb.Append(", ");
                        }

                        firstField = false;
                        sb.Append(f.Name).Append(": ");
                        Append(sb, v, f.Type);
                    }
                }

                sb.Append('}');
                return;
            case ScalarType s:
                sb.Append(s.PrintLiteral(value));
                return;
            default:
                var text = new StringBuilder();
                Printer.AppendQuoted(text, value.ToString() ?? string.Empty);
                sb.Append(text);
                return;
        }
    }
}
