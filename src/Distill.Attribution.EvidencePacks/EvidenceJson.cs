using System.Text.Json;
using System.Text.Json.Serialization;
using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// evidence.json: the run's provenance (ids, hashes, code version, every parameter) and the whole cluster as
/// detection left it: features, attribution with its indicators, every evidence step with its links and the
/// records behind each link, counter-evidence and lineage.
/// </summary>
internal static class EvidenceJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(EvidencePackContent content)
    {
        var run = content.Run;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Options.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("format", PackFormat.Format);
            json.WriteString("packCreatedAt", PackText.Time(content.CreatedAt));
            json.WriteStartObject("run");
            json.WriteString("runId", run.RunId);
            json.WriteString("createdAt", PackText.Time(run.CreatedAt));
            json.WriteString("inputHash", run.InputHash);
            json.WriteString("parametersHash", run.ParametersHash);
            json.WriteString("membershipHash", run.MembershipHash);
            json.WriteString("codeVersion", run.CodeVersion);
            json.WritePropertyName("parameters");
            using (var parameters = JsonDocument.Parse(run.Parameters.ToJson()))
            {
                parameters.WriteTo(json);
            }

            json.WriteEndObject();
            json.WritePropertyName("cluster");
            JsonSerializer.Serialize(json, content.Cluster, Options);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
