using System.Buffers;
using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using Distill.GraphQL.Language;

namespace Distill.GraphQL.Execution;

/// <summary>The result of one request: data (if execution started), errors, and facts about the operation.</summary>
public sealed class ExecutionResult
{
    /// <summary>
    /// Responses are JSON for API clients, never embedded in HTML, so only what JSON requires is escaped
    /// (non-ASCII text and quotes are written as they are, not as \uXXXX).
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal ExecutionResult(object? data, bool hasData, IReadOnlyList<GraphQLError> errors)
    {
        Data = data;
        HasData = hasData;
        Errors = errors;
    }

    /// <summary>The response data (internal representation; use <see cref="ToJson"/> or <see cref="WriteTo"/>).</summary>
    internal object? Data { get; }

    /// <summary>False when the request failed before execution (syntax, validation, variables): no <c>data</c> entry.</summary>
    public bool HasData { get; }

    public IReadOnlyList<GraphQLError> Errors { get; }

    public string? OperationName { get; internal init; }

    public OperationType? OperationType { get; internal init; }

    public string DocumentSha256 { get; internal init; } = string.Empty;

    /// <summary>True when the operation could not be selected (e.g. a mutation over GET): HTTP 405.</summary>
    public bool MutationNotAllowed { get; internal init; }

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (Errors.Count > 0)
        {
            writer.WritePropertyName("errors");
            WriteErrors(writer, Errors);
        }

        if (HasData)
        {
            writer.WritePropertyName("data");
            WriteValue(writer, Data);
        }

        writer.WriteEndObject();
    }

    internal static void WriteErrors(Utf8JsonWriter writer, IReadOnlyList<GraphQLError> errors)
    {
        writer.WriteStartArray();
        foreach (var e in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("message", e.Message);
            if (e.Locations.Count > 0)
            {
                writer.WriteStartArray("locations");
                foreach (var l in e.Locations)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("line", l.Line);
                    writer.WriteNumber("column", l.Column);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (e.Path is not null)
            {
                writer.WriteStartArray("path");
                foreach (var p in e.Path)
                {
                    if (p is int i)
                    {
                        writer.WriteNumberValue(i);
                    }
                    else
                    {
                        writer.WriteStringValue((string)p);
                    }
                }

                writer.WriteEndArray();
            }

            if (e.Code is not null || e.Extensions is { Count: > 0 })
            {
                writer.WriteStartObject("extensions");
                if (e.Code is not null)
                {
                    writer.WriteString("code", e.Code);
                }

                if (e.Extensions is not null)
                {
                    foreach (var (k, v) in e.Extensions)
                    {
                        if (k != "code")
                        {
                            writer.WritePropertyName(k);
                            WriteValue(writer, v);
                        }
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    internal static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case RawJson raw:
                writer.WriteRawValue(raw.Utf8, skipInputValidation: true);
                break;
            case ResultMap map:
                writer.WriteStartObject();
                var fields = map.Fields;
                var values = map.Values;
                for (var i = 0; i < fields.Length; i++)
                {
                    writer.WritePropertyName(fields[i].EncodedName);
                    WriteValue(writer, values[i]);
                }

                writer.WriteEndObject();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case object?[] list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case IReadOnlyDictionary<string, object?> dict:
                writer.WriteStartObject();
                foreach (var (k, v) in dict)
                {
                    writer.WritePropertyName(k);
                    WriteValue(writer, v);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType());
                break;
        }
    }
}
