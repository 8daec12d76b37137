using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Evidence.ExportEvidencePack;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using FluentValidation;

namespace Distill.Attribution.Application.Cases.RequestEvidencePack;

/// <summary>Asks for the evidence pack of a cluster of the latest run (legal role); the pack is written on the server.</summary>
public sealed record RequestEvidencePackCommand(string ClusterId) : IRequest<EvidencePackRequestResult>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.RequestEvidencePack;
}

/// <summary>The answer to an evidence-pack request: its status, where the pack is, and a message.</summary>
public sealed record EvidencePackRequestResult(string ClusterId, EvidencePackStatus Status, string? Location, string Message);

/// <summary>Where the API writes the evidence packs it is asked for.</summary>
/// <param name="Directory">A folder on the server; each pack is <c>&lt;cluster&gt;-&lt;run&gt;.zip</c> in it.</param>
public sealed record EvidencePackRequestOptions(string Directory);

/// <summary>
/// Checks the cluster, then writes its pack through <see cref="ExportEvidencePackCommand"/> (the same use case
/// as <c>distill pack</c>) and answers where it is. Only flagged clusters have a pack: a pack is an accusation.
/// </summary>
internal sealed class RequestEvidencePackHandler(RunCache cache, ISender sender, EvidencePackRequestOptions options)
    : IRequestHandler<RequestEvidencePackCommand, EvidencePackRequestResult>
{
    public async Task<EvidencePackRequestResult> Handle(RequestEvidencePackCommand request, CancellationToken ct)
    {
        var run = await cache.GetAsync(ct);
        var cluster = run?.Find(request.ClusterId) ?? throw new NotFoundException("cluster", request.ClusterId);
        if (!cluster.Flagged)
        {
            return new EvidencePackRequestResult(request.ClusterId, EvidencePackStatus.NotFlagged, null,
                "This cluster is not flagged; evidence packs are made only for flagged clusters.");
        }

        // The pack writer creates the directory (IEvidencePackWriter writes to any path).
        var path = Path.Combine(options.Directory, $"{request.ClusterId}-{run!.RunId}.zip");
        var pack = await sender.Send(new ExportEvidencePackCommand(request.ClusterId, path, run.RunId), ct);
        return new EvidencePackRequestResult(request.ClusterId, EvidencePackStatus.Ready, pack.PackPath,
            $"Pack written on the server; manifest sha256 {pack.ManifestSha256}, signing key sha256 {pack.PublicKeyFingerprint}. Check it with `distill verify-pack`.");
    }
}

internal sealed class RequestEvidencePackValidator : AbstractValidator<RequestEvidencePackCommand>
{
    public RequestEvidencePackValidator() => RuleFor(c => c.ClusterId).ValidClusterId();
}
