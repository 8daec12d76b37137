using System.Globalization;
using System.Text.Json;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// Decodes the Query API's typed JSON (<c>application/vnd.neo4j.query</c>): every value is
/// <c>{"$type": T, "_value": V}</c>. INTEGER and FLOAT come as strings (a JSON number cannot hold every
/// 64-bit integer), temporal values as ISO 8601 text. CLR results: null, bool, long, double, string,
/// byte[], DateTimeOffset (OffsetDateTime, ZonedDateTime), DateTime (LocalDateTime), DateOnly, TimeOnly
/// (LocalTime), string (Time, Duration, Point: kept as text), List&lt;object?&gt;, Dictionary, Neo4jNode,
/// Neo4jRelationship. Plain JSON values (no <c>$type</c>) are accepted too, so a server that falls back
/// to plain JSON still decodes.
/// </summary>
internal static class TypedValues
{
    public static object? Decode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var l) ? l : element.GetDouble();
            case JsonValueKind.Array:
                return DecodeList(element);
            case JsonValueKind.Object:
                if (element.TryGetProperty("$type", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    return DecodeTyped(type.GetString()!, element.TryGetProperty("_value", out var v) ? v : default);
                }

                return DecodeMap(element);
            default:
                throw new Neo4jException(Neo4jException.ProtocolCode, $"Unexpected JSON value kind {element.ValueKind} in a Query API answer.");
        }
    }

    private static object? DecodeTyped(string type, JsonElement value)
    {
        switch (type)
        {
            case "Null":
                return null;
            case "Boolean":
                return value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean();
            case "Integer":
                return value.ValueKind == JsonValueKind.String
                    ? long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                    : value.GetInt64();
            case "Float":
                return value.ValueKind == JsonValueKind.String ? ParseFloat(value.GetString()!) : value.GetDouble();
            case "String":
                return value.GetString();
            case "Base64":
                return Convert.FromBase64String(value.GetString()!);
            case "List":
                return DecodeList(value);
            case "Map":
                return DecodeMap(value);
            case "OffsetDateTime":
            case "ZonedDateTime":
                return ParseDateTime(value.GetString()!);
            case "LocalDateTime":
                return DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            case "Date":
                return DateOnly.Parse(value.GetString()!, CultureInfo.InvariantCulture);
            case "LocalTime":
                return TimeOnly.Parse(value.GetString()!, CultureInfo.InvariantCulture);
            case "Node":
                return DecodeNode(value);
            case "Relationship":
                return DecodeRelationship(value);
            default:
                // Time (with offset), Duration, Point, Path, Vector: no detection code reads them; keep the text.
                return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        }
    }

    /// <summary>
    /// Parses an OffsetDateTime or ZonedDateTime. Neo4j writes up to nanoseconds and, for zoned values, a
    /// trailing <c>[Region/City]</c>; .NET keeps 100 ns, so the last two digits are truncated.
    /// </summary>
    public static DateTimeOffset ParseDateTime(string text)
    {
        var bracket = text.IndexOf('[', StringComparison.Ordinal);
        var core = bracket >= 0 ? text[..bracket] : text;
        var dot = core.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < core.Length && char.IsAsciiDigit(core[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                core = string.Concat(core.AsSpan(0, dot + 8), core.AsSpan(end));
            }
        }

        return DateTimeOffset.Parse(core, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    private static double ParseFloat(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static List<object?> DecodeList(JsonElement array)
    {
        var list = new List<object?>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            list.Add(Decode(item));
        }

        return list;
    }

    private static Dictionary<string, object?> DecodeMap(JsonElement obj)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return map;
        }

        foreach (var property in obj.EnumerateObject())
        {
            map[property.Name] = Decode(property.Value);
        }

        return map;
    }

    private static Neo4jNode DecodeNode(JsonElement value)
    {
        var labels = new List<string>();
        if (value.TryGetProperty("_labels", out var labelArray))
        {
            foreach (var label in labelArray.EnumerateArray())
            {
                labels.Add(label.GetString()!);
            }
        }

        return new Neo4jNode(
            GetString(value, "_element_id"),
            labels,
            value.TryGetProperty("_properties", out var props) ? DecodeMap(props) : new Dictionary<string, object?>());
    }

    private static Neo4jRelationship DecodeRelationship(JsonElement value) => new(
        GetString(value, "_element_id"),
        GetString(value, "_type"),
        GetString(value, "_start_node_element_id"),
        GetString(value, "_end_node_element_id"),
        value.TryGetProperty("_properties", out var props) ? DecodeMap(props) : new Dictionary<string, object?>());

    private static string GetString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : string.Empty;
}
