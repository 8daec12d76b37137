using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Clusters.GetClusterGraph;

/// <summary>The graph of a cluster of the latest run: members, shared resources (at most <paramref name="PerKind"/> of each kind) and evidence links.</summary>
public sealed record GetClusterGraphQuery(string ClusterId, int PerKind) : IRequest<ClusterGraph>;

internal sealed class GetClusterGraphHandler(RunCache cache, IClusterGraphReadModel graph)
    : IRequestHandler<GetClusterGraphQuery, ClusterGraph>
{
    public async Task<ClusterGraph> Handle(GetClusterGraphQuery request, CancellationToken ct)
    {
        var run = await cache.GetAsync(ct);
        var cluster = run?.Find(request.ClusterId) ?? throw new NotFoundException("cluster", request.ClusterId);
        var steps = new Dictionary<string, Domain.Detection.EvidenceStep>(StringComparer.Ordinal);
        foreach (var step in cluster.Evidence?.Steps ?? [])
        {
            steps[step.Member] = step;
        }

        var members = new List<ClusterGraphMember>(cluster.Members.Count);
        var links = new List<ClusterGraphLink>();
        foreach (var member in cluster.Members)
        {
            if (steps.TryGetValue(member, out var step))
            {
                members.Add(new ClusterGraphMember(member, step.Parent, step.Depth, step.MatchedIndicators));
                foreach (var link in step.Links)
                {
                    links.Add(new ClusterGraphLink(link.From, link.To, link.Rule, link.Weight));
                }
            }
            else
            {
                members.Add(new ClusterGraphMember(member, null, 0, []));
            }
        }

        // One more than asked tells whether a kind was cut.
        var resources = await graph.GetSharedResourceMembersAsync([.. cluster.Members], request.PerKind + 1, ct);
        var kept = new List<SharedResourceMembers>(resources.Count);
        var perKind = new Dictionary<string, int>(StringComparer.Ordinal);
        var truncated = false;
        foreach (var r in resources)
        {
            var n = perKind[r.Kind] = perKind.GetValueOrDefault(r.Kind) + 1;
            if (n > request.PerKind)
            {
                truncated = true;
                continue;
            }

            kept.Add(r);
        }

        return new ClusterGraph(members, kept, links, truncated);
    }
}

internal sealed class GetClusterGraphValidator : AbstractValidator<GetClusterGraphQuery>
{
    public GetClusterGraphValidator()
    {
        RuleFor(q => q.ClusterId).NotEmpty().MaximumLength(100);
        RuleFor(q => q.PerKind).InclusiveBetween(1, 500);
    }
}
