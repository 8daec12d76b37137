using System.Globalization;
using System.Text;
using System.Text.Json;
using Distill.GraphQL.Language;

namespace Distill.GraphQL.TypeSystem;

/// <summary>Implementations of Int, Float, String, Boolean, ID, Long, DateTime and JSON.</summary>
internal sealed class BuiltInScalars(string name, string? description, string? specifiedByUrl, BuiltInScalars.ScalarKind kind)
    : ScalarType(name, description, specifiedByUrl)
{
    internal enum ScalarKind
    {
        Int,
        Float,
        String,
        Boolean,
        Id,
        Long,
        DateTime,
        Json,
    }

    public ScalarKind Scalar { get; } = kind;

    internal override object? Serialize(object value)
    {
        switch (Scalar)
        {
            case ScalarKind.Int:
                return value switch
                {
                    int => value, // the caller's box, not a new one
                    short or byte or sbyte or ushort => Convert.ToInt32(value, CultureInfo.InvariantCulture),
                    long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
                    uint u when u <= int.MaxValue => (int)u,
                    double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
                    bool b => b ? 1 : 0,
                    Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
                    _ => throw new GraphQLException($"Int cannot represent non-integer value: {Show(value)}"),
                };
            case ScalarKind.Float:
                return value switch
                {
                    double d when double.IsFinite(d) => value,
                    float f when float.IsFinite(f) => (double)f,
                    int or long or short or byte or decimal or uint => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                    bool b => b ? 1.0 : 0.0,
                    _ => throw new GraphQLException($"Float cannot represent non numeric value: {Show(value)}"),
                };
            case ScalarKind.String:
                return value switch
                {
                    string s => s,
                    bool b => b ? "true" : "false",
                    int or long or double or decimal or float => Convert.ToString(value, CultureInfo.InvariantCulture),
                    Enum e => e.ToString(),
                    Guid g => g.ToString(),
                    _ => throw new GraphQLException($"String cannot represent value: {Show(value)}"),
                };
            case ScalarKind.Boolean:
                return value is bool b2 ? b2 : throw new GraphQLException($"Boolean cannot represent a non boolean value: {Show(value)}");
            case ScalarKind.Id:
                return value switch
                {
                    string s => s,
                    int or long or Guid or short => Convert.ToString(value, CultureInfo.InvariantCulture),
                    _ => value.ToString() ?? throw new GraphQLException($"ID cannot represent value: {Show(value)}"),
                };
            case ScalarKind.Long:
                return value switch
                {
                    long => value,
                    int i => (long)i,
                    short or byte or uint or ushort => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                    _ => throw new GraphQLException($"Long cannot represent non-integer value: {Show(value)}"),
                };
            case ScalarKind.DateTime:
                return value switch
                {
                    DateTimeOffset dto => FormatUtc(dto.UtcDateTime),
                    DateTime dt => FormatUtc(new DateTimeOffset(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt).UtcDateTime),
                    _ => throw new GraphQLException($"DateTime cannot represent value: {Show(value)}"),
                };
            default:
                return value;
        }
    }

    internal override object? ParseLiteral(ValueNode literal)
    {
        switch (Scalar)
        {
            case ScalarKind.Int:
                if (literal is IntValueNode i && int.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var iv))
                {
                    return iv;
                }

                throw new InputCoercionException(literal is IntValueNode
                    ? $"Int cannot represent non 32-bit signed integer value: {Printer.PrintValue(literal)}"
                    : $"Int cannot represent non-integer value: {Printer.PrintValue(literal)}");
            case ScalarKind.Float:
                if (literal is IntValueNode or FloatValueNode)
                {
                    var text = literal is IntValueNode ii ? ii.Value : ((FloatValueNode)literal).Value;
                    var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (double.IsFinite(d))
                    {
                        return d;
                    }
                }

                throw new InputCoercionException($"Float cannot represent non numeric value: {Printer.PrintValue(literal)}");
            case ScalarKind.String:
                return literal is StringValueNode s ? s.Value
                    : throw new InputCoercionException($"String cannot represent a non string value: {Printer.PrintValue(literal)}");
            case ScalarKind.Boolean:
                return literal is BooleanValueNode b ? b.Value
                    : throw new InputCoercionException($"Boolean cannot represent a non boolean value: {Printer.PrintValue(literal)}");
            case ScalarKind.Id:
                return literal switch
                {
                    StringValueNode s2 => s2.Value,
                    IntValueNode i2 => i2.Value,
                    _ => throw new InputCoercionException($"ID cannot represent a non-string and non-integer value: {Printer.PrintValue(literal)}"),
                };
            case ScalarKind.Long:
                if (literal is IntValueNode l && long.TryParse(l.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var lv))
                {
                    return lv;
                }

                throw new InputCoercionException($"Long cannot represent non 64-bit integer value: {Printer.PrintValue(literal)}");
            case ScalarKind.DateTime:
                return literal is StringValueNode ds ? ParseDateTime(ds.Value)
                    : throw new InputCoercionException($"DateTime cannot represent a non string value: {Printer.PrintValue(literal)}");
            default:
                return LiteralToJson(literal);
        }
    }

    internal override object? ParseValue(JsonElement value)
    {
        switch (Scalar)
        {
            case ScalarKind.Int:
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i))
                {
                    return i;
                }

                if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var di) && di == Math.Floor(di)
                    && di is >= int.MinValue and <= int.MaxValue)
                {
                    return (int)di;
                }

                throw new InputCoercionException($"Int cannot represent non-integer value: {value.GetRawText()}");
            case ScalarKind.Float:
                return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d)
                    ? d
                    : throw new InputCoercionException($"Float cannot represent non numeric value: {value.GetRawText()}");
            case ScalarKind.String:
                return value.ValueKind == JsonValueKind.String ? value.GetString()
                    : throw new InputCoercionException($"String cannot represent a non string value: {value.GetRawText()}");
            case ScalarKind.Boolean:
                return value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new InputCoercionException($"Boolean cannot represent a non boolean value: {value.GetRawText()}"),
                };
            case ScalarKind.Id:
                if (value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }

                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var idn))
                {
                    return idn.ToString(CultureInfo.InvariantCulture);
                }

                throw new InputCoercionException($"ID cannot represent value: {value.GetRawText()}");
            case ScalarKind.Long:
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l)
                    ? l
                    : throw new InputCoercionException($"Long cannot represent non 64-bit integer value: {value.GetRawText()}");
            case ScalarKind.DateTime:
                return value.ValueKind == JsonValueKind.String ? ParseDateTime(value.GetString()!)
                    : throw new InputCoercionException($"DateTime cannot represent a non string value: {value.GetRawText()}");
            default:
                return value.Clone();
        }
    }

    internal override string PrintLiteral(object value)
    {
        var serialized = Serialize(value);
        return serialized switch
        {
            null => "null",
            string s => Quote(s),
            bool b => b ? "true" : "false",
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            JsonElement e => JsonToLiteral(e),
            _ => Quote(serialized.ToString() ?? string.Empty),
        };
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder();
        Printer.AppendQuoted(sb, s);
        return sb.ToString();
    }

    /// <summary>RFC 3339 date-time with an explicit offset; normalised to UTC.</summary>
    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ss[.fffffff]Z</c> with trailing zeros of the fraction dropped (the custom format string
    /// <c>yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'</c>), written digit by digit: a response with thousands of timestamps
    /// spent a measurable share of its time in the general-purpose custom-format parser.
    /// </summary>
    internal static string FormatUtc(DateTime utc)
    {
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        var digits = 7;
        while (digits > 0 && fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        return string.Create(20 + (digits == 0 ? 0 : digits + 1), (utc, fraction, digits), static (span, state) =>
        {
            var (t, f, n) = state;
            Digits(span[..4], t.Year);
            span[4] = '-';
            Digits(span.Slice(5, 2), t.Month);
            span[7] = '-';
            Digits(span.Slice(8, 2), t.Day);
            span[10] = 'T';
            Digits(span.Slice(11, 2), t.Hour);
            span[13] = ':';
            Digits(span.Slice(14, 2), t.Minute);
            span[16] = ':';
            Digits(span.Slice(17, 2), t.Second);
            if (n > 0)
            {
                span[19] = '.';
                Digits(span.Slice(20, n), f);
            }

            span[^1] = 'Z';
        });
    }

    private static void Digits(Span<char> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static DateTimeOffset ParseDateTime(string text)
    {
        // RFC 3339 requires the 'T' separator, seconds and an offset (Z or ±hh:mm).
        if (text.Length < 20 || (text[10] != 'T' && text[10] != 't')
            || !(text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-')
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var dto))
        {
            throw new InputCoercionException($"DateTime cannot represent an invalid date-time string: \"{text}\" (expected RFC 3339, e.g. 2024-05-01T12:00:00Z)");
        }

        return dto.ToUniversalTime();
    }

    /// <summary>
    /// How deeply a JSON literal may nest: the JSON reader's default, which the HTTP layer's request bodies already obey.
    /// A deeper literal is a coercion error (the reader would throw past it, and the writer past 1,000).
    /// </summary>
    internal const int MaxJsonDepth = 64;

    private static JsonElement LiteralToJson(ValueNode literal)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteLiteral(writer, literal, 0);
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    private static void WriteLiteral(Utf8JsonWriter writer, ValueNode literal, int depth)
    {
        if (depth >= MaxJsonDepth && literal is ListValueNode or ObjectValueNode)
        {
            throw new InputCoercionException($"JSON cannot represent a value nested more than {MaxJsonDepth} levels deep.");
        }

        switch (literal)
        {
            case IntValueNode i: writer.WriteRawValue(i.Value); break;
            case FloatValueNode f: writer.WriteRawValue(f.Value); break;
            case StringValueNode s: writer.WriteStringValue(s.Value); break;
            case BooleanValueNode b: writer.WriteBooleanValue(b.Value); break;
            case NullValueNode: writer.WriteNullValue(); break;
            case EnumValueNode e: writer.WriteStringValue(e.Value); break;
            case ListValueNode l:
                writer.WriteStartArray();
                foreach (var v in l.Values)
                {
                    WriteLiteral(writer, v, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case ObjectValueNode o:
                writer.WriteStartObject();
                foreach (var f in o.Fields)
                {
                    writer.WritePropertyName(f.Name.Value);
                    WriteLiteral(writer, f.Value, depth + 1);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new InputCoercionException("JSON cannot represent a variable inside a literal.");
        }
    }

    private static string JsonToLiteral(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(", ", e.EnumerateObject().Select(p => p.Name + ": " + JsonToLiteral(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(", ", e.EnumerateArray().Select(JsonToLiteral)) + "]",
        JsonValueKind.String => Quote(e.GetString()!),
        JsonValueKind.Null or JsonValueKind.Undefined => "null",
        _ => e.GetRawText(),
    };

    private static string Show(object value) => value switch
    {
        string s => Quote(s),
        _ => value.ToString() ?? value.GetType().Name,
    };
}
