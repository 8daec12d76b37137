using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Sqlite.Runs;

/// <summary>
/// The JSON forms a run is stored in: a cluster as gzip-compressed JSON (its evidence can hold thousands of
/// links, and it is read back whole, never queried inside), the run's known operators and stats as plain JSON.
/// </summary>
internal static class RunDetailJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] CompressCluster(DetectedCluster cluster)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, cluster, Options);
        }

        return buffer.ToArray();
    }

    public static DetectedCluster DecompressCluster(byte[] detail)
    {
        using var gzip = new GZipStream(new MemoryStream(detail), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<DetectedCluster>(gzip, Options)
            ?? throw new InvalidDataException("A stored cluster is empty.");
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException("A stored run field is empty.");
}
