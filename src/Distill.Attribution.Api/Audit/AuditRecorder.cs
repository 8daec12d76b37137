using System.Text;
using System.Text.Json;
using Distill.Attribution.Application.Audit.AppendAuditEntry;
using Distill.Attribution.Application.Messaging;

namespace Distill.Attribution.Api.Audit;

/// <summary>
/// Turns one GraphQL request into an audit entry and appends it through the dispatcher. Variables are kept, except
/// values under names that look like secrets, which are replaced by <c>"[redacted]"</c>.
/// </summary>
internal static class AuditRecorder
{
    private static readonly string[] SecretNames = ["key", "secret", "password", "token", "card", "pan", "authorization"];

    public static Task AppendAsync(ISender sender, string? keyId, string? role, string? operationName, string documentHash, JsonElement? variables, string outcome, CancellationToken ct) =>
        sender.Send(new AppendAuditEntryCommand(keyId ?? "-", role ?? "none", operationName, documentHash, Redact(variables), outcome), ct);

    /// <summary>Hex SHA-256 of a document text, as the engine computes it for executed requests.</summary>
    public static string HashDocument(string? query) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(query ?? string.Empty)));

    internal static string Redact(JsonElement? variables)
    {
        if (variables is not { ValueKind: JsonValueKind.Object } value)
        {
            return "{}";
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (LooksSecret(property.Name))
                    {
                        writer.WriteStringValue("[redacted]");
                    }
                    else
                    {
                        Write(writer, property.Value);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
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
