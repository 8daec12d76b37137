using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Clusters.GetClusterActivity;

/// <summary>The activity timeline of a cluster: its members' requests per hour or day, by model and capability.</summary>
public sealed record GetClusterActivityQuery(string ClusterId, ActivityGranularity Granularity) : IRequest<IReadOnlyList<ActivityBucket>>;

internal sealed class GetClusterActivityHandler(RunCache cache, IAccountReadModel accounts)
    : IRequestHandler<GetClusterActivityQuery, IReadOnlyList<ActivityBucket>>
{
    public async Task<IReadOnlyList<ActivityBucket>> Handle(GetClusterActivityQuery request, CancellationToken ct)
    {
        var run = await cache.GetAsync(ct);
        var cluster = run?.Find(request.ClusterId) ?? throw new NotFoundException("cluster", request.ClusterId);
        return await accounts.GetActivityAsync([.. cluster.Members], request.Granularity, ct);
    }
}

internal sealed class GetClusterActivityValidator : AbstractValidator<GetClusterActivityQuery>
{
    public GetClusterActivityValidator()
    {
        RuleFor(q => q.ClusterId).NotEmpty().MaximumLength(100);
        RuleFor(q => q.Granularity).IsInEnum();
    }
}
