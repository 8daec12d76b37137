using System.Text.Json;
using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// Reads the detector's measured quality from the JSON file <c>distill evaluate --write-quality</c> writes
/// (<see cref="DetectorQualityFile"/>: precision, recall, optional f1, attribution accuracy, legitimate accounts
/// flagged, and method). No file, or a file without both numbers, means "not measured".
/// </summary>
internal sealed class JsonDetectorQualitySource(EvidencePackOptions options) : IDetectorQualitySource
{
    public async Task<DetectorQuality?> ReadAsync(CancellationToken ct)
    {
        if (!File.Exists(options.QualityPath))
        {
            return null;
        }

        await using var stream = File.OpenRead(options.QualityPath);
        using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("precision", out var p) || p.ValueKind != JsonValueKind.Number
            || !root.TryGetProperty("recall", out var r) || r.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        double? f1 = root.TryGetProperty("f1", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetDouble() : null;
        var method = root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : "account-level precision and recall of flagged accounts against a labelled data set (distill evaluate)";
        double? attribution = root.TryGetProperty("attributionAccuracy", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble() : null;
        int? legitFlagged = root.TryGetProperty("legitFlagged", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var n) ? n : null;
        return new DetectorQuality(p.GetDouble(), r.GetDouble(), f1, method, Path.GetFileName(options.QualityPath), attribution, legitFlagged)
        {
            DataSource = Text(root, "dataSource"),
            HeldOut = Bool(root, "heldOut"),
            Synthetic = Bool(root, "synthetic"),
            CodeVersion = Text(root, "codeVersion"),
            ParametersHash = Text(root, "parametersHash"),
            FlaggedAccounts = Int(root, "flaggedAccounts"),
            FraudAccounts = Int(root, "fraudAccounts"),
            TruthAccounts = Int(root, "truthAccounts"),
        };
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool? Bool(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0 ? n : null;
}
