using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// Writes statement parameters as plain JSON (Content-Type <c>application/json</c>): Neo4j reads integral
/// JSON numbers as INTEGER and others as FLOAT, so doubles are always written with a fraction or exponent.
/// Timestamps are sent as RFC 3339 text in UTC and converted by <c>datetime()</c> in the statement.
/// </summary>
internal static class ParameterWriter
{
    public static void WriteBody(Utf8JsonWriter writer, string statement, IReadOnlyDictionary<string, object?>? parameters)
    {
        writer.WriteStartObject();
        writer.WriteString("statement", statement);
        if (parameters is { Count: > 0 })
        {
            writer.WritePropertyName("parameters");
            writer.WriteStartObject();
            foreach (var (name, value) in parameters)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case IJsonParameter custom:
                custom.WriteTo(writer);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                WriteFloat(writer, d);
                break;
            case float f:
                WriteFloat(writer, f);
                break;
            case DateTimeOffset t:
                writer.WriteStringValue(FormatTimestamp(t));
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WritePropertyName(k);
                    WriteValue(writer, v);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Cannot send a {value.GetType().Name} as a Neo4j parameter.", nameof(value));
        }
    }

    /// <summary>
    /// A FLOAT parameter. Neo4j would read <c>1</c> as an INTEGER, so a fraction is forced; NaN and
    /// infinities have no JSON form and are refused.
    /// </summary>
    public static void WriteFloat(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("NaN and infinite values cannot be sent to Neo4j as JSON.", nameof(value));
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.AsSpan().IndexOfAny('.', 'E', 'e') < 0)
        {
            text += ".0";
        }

        writer.WriteRawValue(text, skipInputValidation: true);
    }

    /// <summary>
    /// UTC with whole milliseconds, e.g. <c>2026-01-05T13:04:11.250Z</c>, what Cypher's <c>datetime()</c>
    /// parses. Stores keep the contract's millisecond precision (the SQLite store keeps Unix ms), so both
    /// hold the same instant; the truncation equals <see cref="DateTimeOffset.ToUnixTimeMilliseconds"/>.
    /// </summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds()).UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
