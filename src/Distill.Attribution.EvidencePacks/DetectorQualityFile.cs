using System.Globalization;
using System.Text.Json;
using Distill.Attribution.Application.Detection.EvaluateRun;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// Writes the detector's measured quality (what <c>distill evaluate --write-quality FILE</c> produces and
/// <see cref="JsonDetectorQualitySource"/> reads for the pack's report): the scores, the truth file they were
/// measured against (name and SHA-256), the run (id, input and membership hashes, code version) and when, plus a
/// one-sentence <c>method</c> the report quotes as "how measured".
/// </summary>
public static class DetectorQualityFile
{
    /// <summary>The format tag written as <c>format</c>.</summary>
    public const string Format = "distill-detector-quality/1";

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// What the labelled data was: <see cref="Source"/> names it (the generator and its seed, or the case file),
    /// <see cref="HeldOut"/> says it was not used to tune the detector, <see cref="Synthetic"/> that it was generated
    /// (null: not stated, and the report then says the origin is not stated rather than call it real).
    /// </summary>
    public sealed record DataDescription(string? Source, bool HeldOut, bool? Synthetic);

    /// <summary>Writes the file next to <paramref name="path"/> and moves it over it, so a pack never reads half of one.</summary>
    public static async Task WriteAsync(string path, EvaluateRunResult result, string truthPath, DateTimeOffset evaluatedAt, DataDescription? data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        var truthSha256 = Convert.ToHexStringLower(await HashFileAsync(truthPath, ct));
        var bytes = Serialize(result, Path.GetFileName(truthPath), truthSha256, evaluatedAt, data);
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }

        var temporary = full + ".tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, ct);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            // A full disk (or a cancel) must not leave a partial or 0-byte temporary behind.
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The file's bytes (UTF-8 JSON, ending in a newline).</summary>
    public static byte[] Serialize(EvaluateRunResult result, string truthFileName, string truthSha256, DateTimeOffset evaluatedAt, DataDescription? data = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var truthAccounts = result.ByKind.Sum(k => k.Accounts);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("precision", result.Precision);
            json.WriteNumber("recall", result.Recall);
            json.WriteNumber("f1", result.F1);
            json.WriteNumber("bCubedPrecision", result.BCubedPrecision);
            json.WriteNumber("bCubedRecall", result.BCubedRecall);
            json.WriteNumber("attributionAccuracy", result.AttributionAccuracy);
            json.WriteNumber("fraudAccounts", result.FraudAccounts);
            json.WriteNumber("flaggedAccounts", result.FlaggedAccounts);
            json.WriteNumber("legitFlagged", result.LegitFlagged);
            json.WriteNumber("legitAttributed", result.LegitAttributed);
            json.WriteString("truthFile", truthFileName);
            json.WriteString("truthSha256", truthSha256);
            json.WriteNumber("truthAccounts", truthAccounts);
            json.WriteString("runId", result.RunId);
            json.WriteString("inputHash", result.InputHash);
            json.WriteString("membershipHash", result.MembershipHash);
            json.WriteString("codeVersion", result.CodeVersion);
            json.WriteString("parametersHash", result.ParametersHash);
            json.WriteString("dataSource", data?.Source is { Length: > 0 } source ? source : $"labelled truth file {truthFileName}");
            json.WriteBoolean("heldOut", data?.HeldOut ?? false);
            if (data?.Synthetic is { } synthetic)
            {
                json.WriteBoolean("synthetic", synthetic);
            }

            json.WriteString("evaluatedAt", PackText.Time(evaluatedAt));
            json.WriteString("method", string.Create(CultureInfo.InvariantCulture,
                $"account-level precision and recall of the accounts flagged by {result.RunId} (code {result.CodeVersion}, membership hash {result.MembershipHash}) against the labelled truth file {truthFileName} (SHA-256 {truthSha256}; {truthAccounts:N0} accounts, {result.FraudAccounts:N0} of them fraud), computed by distill evaluate at {PackText.Time(evaluatedAt)}"));
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static async Task<byte[]> HashFileAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return await System.Security.Cryptography.SHA256.HashDataAsync(stream, ct);
    }
}
