using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Clusters.GetMemberActivity;

/// <summary>Requests per member of a cluster of the latest run and per hour or day: the rows of the workbench's heatmap.</summary>
public sealed record GetMemberActivityQuery(string ClusterId, ActivityGranularity Granularity) : IRequest<MemberTimeline>;

internal sealed class GetMemberActivityHandler(RunCache cache, IClusterGraphReadModel graph)
    : IRequestHandler<GetMemberActivityQuery, MemberTimeline>
{
    public async Task<MemberTimeline> Handle(GetMemberActivityQuery request, CancellationToken ct)
    {
        var run = await cache.GetAsync(ct);
        var cluster = run?.Find(request.ClusterId) ?? throw new NotFoundException("cluster", request.ClusterId);
        return await graph.GetMemberActivityAsync([.. cluster.Members], request.Granularity, ct);
    }
}

internal sealed class GetMemberActivityValidator : AbstractValidator<GetMemberActivityQuery>
{
    public GetMemberActivityValidator()
    {
        RuleFor(q => q.ClusterId).NotEmpty().MaximumLength(100);
        RuleFor(q => q.Granularity).IsInEnum();
    }
}
