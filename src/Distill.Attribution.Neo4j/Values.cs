using System.Globalization;

namespace Distill.Attribution.Neo4j;

/// <summary>Conversions of decoded Query API values to the column types the store needs.</summary>
internal static class Values
{
    public static long AsLong(object? value) => value switch
    {
        long l => l,
        int i => i,
        double d => checked((long)d),
        string s => long.Parse(s, CultureInfo.InvariantCulture),
        null => throw new Neo4jException(Neo4jException.ProtocolCode, "Expected an integer, got null."),
        _ => throw new Neo4jException(Neo4jException.ProtocolCode, $"Expected an integer, got {value.GetType().Name}."),
    };

    public static long? AsNullableLong(object? value) => value is null ? null : AsLong(value);

    public static double AsDouble(object? value) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        null => throw new Neo4jException(Neo4jException.ProtocolCode, "Expected a number, got null."),
        _ => throw new Neo4jException(Neo4jException.ProtocolCode, $"Expected a number, got {value.GetType().Name}."),
    };

    public static string AsString(object? value) =>
        value as string ?? throw new Neo4jException(Neo4jException.ProtocolCode, $"Expected a string, got {value?.GetType().Name ?? "null"}.");

    public static string? AsNullableString(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => throw new Neo4jException(Neo4jException.ProtocolCode, $"Expected a string, got {value.GetType().Name}."),
    };

    public static DateTimeOffset AsDateTime(object? value) => value switch
    {
        DateTimeOffset t => t,
        string s => TypedValues.ParseDateTime(s),
        _ => throw new Neo4jException(Neo4jException.ProtocolCode, $"Expected a datetime, got {value?.GetType().Name ?? "null"}."),
    };
}
