using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Clusters.GetCluster;

/// <summary>One cluster of the latest run by id, with the operator override in force; null when there is none.</summary>
public sealed record GetClusterQuery(string Id) : IRequest<ClusterView?>;

internal sealed class GetClusterHandler(RunCache cache, ICaseStore cases) : IRequestHandler<GetClusterQuery, ClusterView?>
{
    public async Task<ClusterView?> Handle(GetClusterQuery request, CancellationToken ct)
    {
        var run = await cache.GetAsync(ct);
        if (run?.Find(request.Id) is not { } cluster)
        {
            return null;
        }

        var overrides = await cases.GetOverridesAsync(cluster.Id, ct);
        return new ClusterView(cluster, run, overrides.Count == 0 ? null : overrides[^1]);
    }
}

internal sealed class GetClusterValidator : AbstractValidator<GetClusterQuery>
{
    public GetClusterValidator() => RuleFor(q => q.Id).NotEmpty().MaximumLength(100);
}
