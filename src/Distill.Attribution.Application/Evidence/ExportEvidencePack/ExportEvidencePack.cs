using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Domain.Detection;
using FluentValidation;

namespace Distill.Attribution.Application.Evidence.ExportEvidencePack;

/// <summary>
/// Writes the evidence pack of a flagged cluster of a run (the latest run when <see cref="RunId"/> is null)
/// to <see cref="OutputPath"/>. Needs the legal role.
/// </summary>
public sealed record ExportEvidencePackCommand(string ClusterId, string OutputPath, string? RunId = null)
    : IRequest<ExportEvidencePackResult>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.RequestEvidencePack;
}

/// <summary>The pack written, the hex SHA-256 of its signed manifest and the signing key's fingerprint.</summary>
public sealed record ExportEvidencePackResult(string PackPath, string ManifestSha256, string PublicKeyFingerprint, string RunId);

internal sealed class ExportEvidencePackHandler(
    IRunStore runs,
    ISourceRecordReader sources,
    IEvidencePackWriter writer,
    IDetectorQualitySource quality,
    IClusterActivityReader activity,
    IVerdictTally verdicts,
    IClock clock,
    ICaller caller) : IRequestHandler<ExportEvidencePackCommand, ExportEvidencePackResult>
{
    public async Task<ExportEvidencePackResult> Handle(ExportEvidencePackCommand request, CancellationToken ct)
    {
        var run = (request.RunId is null ? await runs.GetLatestRunAsync(ct) : await runs.GetRunAsync(request.RunId, ct))
            ?? throw new KeyNotFoundException(request.RunId is null ? "No run yet: run detect first." : $"No run {request.RunId}.");
        DetectedCluster? cluster = null;
        foreach (var c in run.Clusters)
        {
            if (string.Equals(c.Id, request.ClusterId, StringComparison.Ordinal))
            {
                cluster = c;
                break;
            }
        }

        if (cluster is null)
        {
            throw new KeyNotFoundException($"No cluster {request.ClusterId} in {run.RunId}.");
        }

        // A pack is an accusation put in writing: an unflagged cluster has no evidence chains and gets none.
        if (!cluster.Flagged || cluster.Evidence is null)
        {
            throw new InvalidOperationException($"Cluster {cluster.Id} of {run.RunId} is not flagged; evidence packs are made only for flagged clusters.");
        }

        var records = await sources.ReadAsync(CitedSources.Of(cluster), ct);
        var now = clock.UtcNow;
        var custody = new List<CustodyEntry>
        {
            new(now, "evidence_pack_requested", caller.KeyId ?? "unknown", caller.Role is { } role ? Roles.Name(role) : "unknown",
                run.RunId, run.InputHash, cluster.Id, run.MembershipHash, caller.Holder, caller.OsUser),
        };
        var content = new EvidencePackContent(run, cluster, records, custody, await quality.ReadAsync(ct), now)
        {
            Activity = await activity.ReadAsync(cluster.Members, ct),
            Verdicts = await verdicts.CountAsync(run.CodeVersion, run.ParametersHash, ct),
        };
        var written = await writer.WriteAsync(content, request.OutputPath, ct);
        return new ExportEvidencePackResult(written.Path, written.ManifestSha256, written.PublicKeyFingerprint, run.RunId);
    }
}

internal sealed class ExportEvidencePackValidator : AbstractValidator<ExportEvidencePackCommand>
{
    public ExportEvidencePackValidator()
    {
        RuleFor(c => c.ClusterId).NotEmpty().MaximumLength(200);
        RuleFor(c => c.OutputPath).NotEmpty();
    }
}
