using System.Globalization;
using System.Text;
using Distill.GraphQL.Language;

namespace Distill.GraphQL.Tests.Language;

// FsCheck supplies the arguments of a property; NUnit's analyzer only knows its own attributes.
#pragma warning disable NUnit1027

/// <summary>Properties: the printer's output parses back to the same document, and string values survive the trip.</summary>
public sealed class PrinterParserPropertyTests
{
    private static readonly string[] Names = ["a", "b", "books", "node", "id", "title", "_x", "f1"];
    private static readonly string[] Enums = ["RED", "YEAR", "FICTION"];

    /// <summary>A random executable document (operations, fragments, aliases, arguments of every literal kind, directives, variables) from a seed.</summary>
    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool ShouldParseWhatThePrinterPrintsToTheSameDocument(int seed, string text)
    {
        var source = RandomDocument(new Random(seed), Valid(text));

        var printed = Printer.Print(Parser.Parse(source));
        var reprinted = Printer.Print(Parser.Parse(printed));

        return string.Equals(printed, reprinted, StringComparison.Ordinal);
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool ShouldKeepAnyStringValueThroughPrintAndParse(string text)
    {
        var value = Valid(text);
        var document = Parser.Parse("{ f(a: \"\") }");
        var field = (FieldNode)((OperationDefinitionNode)document.Definitions[0]).SelectionSet.Selections[0];
        var printedValue = Printer.PrintValue(new StringValueNode(0, value, block: false));

        var reparsed = Parser.Parse("{ f(a: " + printedValue + ") }");
        var argument = ((FieldNode)((OperationDefinitionNode)reparsed.Definitions[0]).SelectionSet.Selections[0]).Arguments[0];

        return field.Name.Value == "f" && argument.Value is StringValueNode s && string.Equals(s.Value, value, StringComparison.Ordinal);
    }

    /// <summary>Text as valid Unicode: lone surrogates cannot be written in a GraphQL document.</summary>
    private static string Valid(string? text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text ?? string.Empty));

    private static string RandomDocument(Random random, string text)
    {
        var builder = new StringBuilder();
        var fragments = random.Next(0, 3);
        builder.Append("query Q($v: Int = 3, $w: [String!]) ");
        Directives(random, builder);
        SelectionSet(random, builder, 0, fragments, text);
        for (var i = 0; i < fragments; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\nfragment F{i} on T ");
            SelectionSet(random, builder, 1, 0, text);
        }

        return builder.ToString();
    }

    private static void SelectionSet(Random random, StringBuilder builder, int depth, int fragments, string text)
    {
        builder.Append("{ ");
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(depth < 3 ? 5 : 3))
            {
                case 0 when fragments > 0:
                    builder.Append(CultureInfo.InvariantCulture, $"...F{random.Next(fragments)} ");
                    break;
                case 1:
                    builder.Append("... on T ");
                    Directives(random, builder);
                    SelectionSet(random, builder, depth + 1, fragments, text);
                    break;
                default:
                    if (random.Next(3) == 0)
                    {
                        builder.Append(Names[random.Next(Names.Length)]).Append(": ");
                    }

                    builder.Append(Names[random.Next(Names.Length)]);
                    if (random.Next(2) == 0)
                    {
                        builder.Append("(x: ");
                        Value(random, builder, 0, text);
                        builder.Append(", y: $v)");
                    }

                    Directives(random, builder);
                    if (depth < 3 && random.Next(2) == 0)
                    {
                        SelectionSet(random, builder, depth + 1, fragments, text);
                    }

                    builder.Append(' ');
                    break;
            }
        }

        builder.Append("} ");
    }

    private static void Directives(Random random, StringBuilder builder)
    {
        if (random.Next(4) == 0)
        {
            builder.Append(random.Next(2) == 0 ? "@include(if: true) " : "@skip(if: false) ");
        }
    }

    private static void Value(Random random, StringBuilder builder, int depth, string text)
    {
        switch (random.Next(depth < 2 ? 9 : 7))
        {
            case 0:
                builder.Append(random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture));
                break;
            case 1:
                builder.Append((random.NextDouble() * 1e6).ToString("0.0##e+0", CultureInfo.InvariantCulture));
                break;
            case 2:
                builder.Append(Printer.PrintValue(new StringValueNode(0, text, block: false)));
                break;
            case 3:
                builder.Append(random.Next(2) == 0 ? "true" : "false");
                break;
            case 4:
                builder.Append("null");
                break;
            case 5:
                builder.Append(Enums[random.Next(Enums.Length)]);
                break;
            case 6:
                // Backslashes are literal in a block string; only a triple quote needs escaping, control characters are not allowed,
                // and a space keeps a trailing quote of the text from merging with the closing quotes.
                var block = new string([.. text.Replace("\\", "/", StringComparison.Ordinal).Where(c => c is '\t' or '\n' || !char.IsControl(c))]);
                builder.Append("\"\"\"block ").Append(block.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal)).Append(" \"\"\"");
                break;
            case 7:
                builder.Append('[');
                for (var i = random.Next(0, 3); i > 0; i--)
                {
                    Value(random, builder, depth + 1, text);
                    builder.Append(' ');
                }

                builder.Append(']');
                break;
            default:
                builder.Append('{');
                for (var i = random.Next(0, 3); i > 0; i--)
                {
                    builder.Append(Names[random.Next(Names.Length)]).Append(i).Append(": ");
                    Value(random, builder, depth + 1, text);
                    builder.Append(' ');
                }

                builder.Append('}');
                break;
        }
    }
}
