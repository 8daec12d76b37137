using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Cases.RequestEvidencePack;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using FluentValidation;

namespace Distill.Attribution.Application.Cases.DownloadEvidencePack;

/// <summary>
/// Finds the evidence pack written by <c>requestEvidencePack</c> for a cluster of the latest run, for download (same
/// right as requesting one: legal and above). Not found when the cluster is unknown or no pack was requested yet.
/// </summary>
public sealed record DownloadEvidencePackQuery(string ClusterId) : IRequest<DownloadableEvidencePack>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.RequestEvidencePack;
}

/// <summary>The pack file on the server and the name to offer the browser.</summary>
public sealed record DownloadableEvidencePack(string Path, string FileName, long Length);

internal sealed class DownloadEvidencePackHandler(RunCache cache, EvidencePackRequestOptions options, IEvidencePackFiles packs)
    : IRequestHandler<DownloadEvidencePackQuery, DownloadableEvidencePack>
{
    public async Task<DownloadableEvidencePack> Handle(DownloadEvidencePackQuery request, CancellationToken ct)
    {
        var run = await cache.GetAsync(ct);
        var cluster = run?.Find(request.ClusterId) ?? throw new NotFoundException("cluster", request.ClusterId);
        // The name comes from the run's own cluster id, never from the caller's text: no path can be injected.
        var name = $"{cluster.Id}-{run!.RunId}.zip";
        var path = System.IO.Path.Combine(options.Directory, name);
        return packs.Find(path) is { } file
            ? new DownloadableEvidencePack(file.FullPath, name, file.Length)
            : throw new NotFoundException("evidence pack (request it first with requestEvidencePack)", request.ClusterId);
    }
}

internal sealed class DownloadEvidencePackValidator : AbstractValidator<DownloadEvidencePackQuery>
{
    public DownloadEvidencePackValidator() => RuleFor(c => c.ClusterId).ValidClusterId();
}
