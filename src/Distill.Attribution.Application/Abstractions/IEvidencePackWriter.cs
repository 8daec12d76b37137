namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// Writes an evidence pack (a signed ZIP) for one cluster. Given the same content and signing key, every entry
/// but the signature is byte-identical. The directory of the output path is created when missing.
/// </summary>
public interface IEvidencePackWriter
{
    Task<EvidencePackWritten> WriteAsync(EvidencePackContent content, string outputPath, CancellationToken ct);
}
