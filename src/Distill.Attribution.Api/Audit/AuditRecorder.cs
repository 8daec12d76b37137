using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Distill.Attribution.Application.Audit.AppendAuditEntry;
using Distill.Attribution.Application.Messaging;

namespace Distill.Attribution.Api.Audit;

/// <summary>
/// Turns one GraphQL request into an audit entry and appends it through the dispatcher. Variables are kept, except
/// secrets, which are replaced by <c>"[redacted]"</c>: values under names that look like secrets, and values that
/// look like secrets whatever their name (<see cref="SecretValues"/>: API keys, bearer tokens, card numbers). What one
/// entry stores is capped (<see cref="MaxVariablesChars"/>, <see cref="MaxOperationNameChars"/>).
/// </summary>
internal static class AuditRecorder
{
    /// <summary>Variables longer than this (after redaction) are stored as their size and SHA-256 only.</summary>
    internal const int MaxVariablesChars = 4096;

    /// <summary>Longer operation names are cut (a name is client-chosen text).</summary>
    internal const int MaxOperationNameChars = 128;

    private static readonly string[] SecretNames = ["key", "secret", "password", "token", "card", "pan", "authorization"];

    public static Task AppendAsync(ISender sender, string? keyId, string? role, string? operationName, string documentHash, JsonElement? variables, string outcome, CancellationToken ct) =>
        sender.Send(new AppendAuditEntryCommand(keyId ?? "-", role ?? "none", Cap(operationName), documentHash, Redact(variables), outcome), ct);

    /// <summary>An entry for a request whose content is not trusted (refused, unauthenticated): no variables at all.</summary>
    public static Task AppendWithoutBodyAsync(ISender sender, string? operationName, string? documentHash, string outcome, CancellationToken ct) =>
        sender.Send(new AppendAuditEntryCommand("-", "none", Cap(SecretValues.Redact(operationName)), documentHash ?? "-", "{}", outcome), ct);

    /// <summary>Hex SHA-256 of a document text, as the engine computes it for executed requests.</summary>
    public static string HashDocument(string? query) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query ?? string.Empty)));

    internal static string Redact(JsonElement? variables)
    {
        if (variables is not { ValueKind: JsonValueKind.Object } value)
        {
            return "{}";
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, value, 0);
        }

        var json = Encoding.UTF8.GetString(stream.ToArray());
        return json.Length <= MaxVariablesChars
            ? json
            : $$$"""{"[truncated]":{"chars":{{{json.Length}}},"sha256":"{{{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))}}}"}}""";
    }

    private static string? Cap(string? name) =>
        name is { Length: > MaxOperationNameChars } ? name[..MaxOperationNameChars] + "…" : name;

    private static void Write(Utf8JsonWriter writer, JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    // A secret can be a property name too ({"4111 1111 1111 1111": true}).
                    writer.WritePropertyName(SecretValues.Redact(property.Name)!);
                    if (LooksSecret(property.Name))
                    {
                        writer.WriteStringValue("[redacted]");
                    }
                    else
                    {
                        Write(writer, property.Value, depth + 1);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(SecretValues.Redact(element.GetString()));
                break;
            case JsonValueKind.Number:
                // A card number sent as a JSON number.
                var raw = element.GetRawText();
                if (SecretValues.ContainsCardNumber(raw))
                {
                    writer.WriteStringValue("[redacted]");
                }
                else
                {
                    element.WriteTo(writer);
                }

                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static bool LooksSecret(string name)
    {
        foreach (var secret in SecretNames)
        {
            if (name.Contains(secret, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
