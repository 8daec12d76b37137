using System.Globalization;
using System.Text.Json;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>Writes Query API answers in typed JSON from CLR rows, for the scripted server.</summary>
internal static class TypedJson
{
    public static string Rows(string[] fields, IEnumerable<object?[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("data");
            w.WriteStartArray("fields");
            foreach (var f in fields)
            {
                w.WriteStringValue(f);
            }

            w.WriteEndArray();
            w.WriteStartArray("values");
            foreach (var row in rows)
            {
                w.WriteStartArray();
                foreach (var value in row)
                {
                    Value(w, value);
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("bookmarks");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Value(Utf8JsonWriter w, object? value)
    {
        w.WriteStartObject();
        switch (value)
        {
            case null:
                w.WriteString("$type", "Null");
                w.WriteNull("_value");
                break;
            case string s:
                w.WriteString("$type", "String");
                w.WriteString("_value", s);
                break;
            case bool b:
                w.WriteString("$type", "Boolean");
                w.WriteBoolean("_value", b);
                break;
            case int or long:
                w.WriteString("$type", "Integer");
                w.WriteString("_value", Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                w.WriteString("$type", "Float");
                w.WriteString("_value", d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset t:
                w.WriteString("$type", "OffsetDateTime");
                w.WriteString("_value", t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture));
                break;
            case IEnumerable<string> list:
                w.WriteString("$type", "List");
                w.WriteStartArray("_value");
                foreach (var item in list)
                {
                    Value(w, item);
                }

                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"No typed JSON for {value.GetType().Name}.");
        }

        w.WriteEndObject();
    }
}
