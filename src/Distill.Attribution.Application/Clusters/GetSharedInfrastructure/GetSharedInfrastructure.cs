using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Clusters.GetSharedInfrastructure;

/// <summary>
/// The payment fingerprints, IPs and ASNs a cluster's members share, with how many accounts use each inside and
/// outside the cluster.
/// </summary>
public sealed record GetSharedInfrastructureQuery(string ClusterId) : IRequest<IReadOnlyList<SharedResource>>;

internal sealed class GetSharedInfrastructureHandler(RunCache cache, IAccountReadModel accounts)
    : IRequestHandler<GetSharedInfrastructureQuery, IReadOnlyList<SharedResource>>
{
    public async Task<IReadOnlyList<SharedResource>> Handle(GetSharedInfrastructureQuery request, CancellationToken ct)
    {
        var run = await cache.GetAsync(ct);
        var cluster = run?.Find(request.ClusterId) ?? throw new NotFoundException("cluster", request.ClusterId);
        return await accounts.GetSharedInfrastructureAsync([.. cluster.Members], ct);
    }
}

internal sealed class GetSharedInfrastructureValidator : AbstractValidator<GetSharedInfrastructureQuery>
{
    public GetSharedInfrastructureValidator() => RuleFor(q => q.ClusterId).NotEmpty().MaximumLength(100);
}
