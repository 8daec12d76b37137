using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Clusters.GetClusterGraph;

/// <summary>The graph of a cluster of the latest run: members, shared resources (at most <paramref name="PerKind"/> of each kind) and evidence links.</summary>
public sealed record GetClusterGraphQuery(string ClusterId, int PerKind) : IRequest<ClusterGraph>;

internal sealed class GetClusterGraphHandler(RunCache cache, IClusterGraphReadModel graph, ClusterGraphCache graphs)
    : IRequestHandler<GetClusterGraphQuery, ClusterGraph>
{
    public async Task<ClusterGraph> Handle(GetClusterGraphQuery request, CancellationToken ct)
    {
        var run = await cache.GetAsync(ct);
        var cluster = run?.Find(request.ClusterId) ?? throw new NotFoundException("cluster", request.ClusterId);
        if (graphs.TryGet(run!.RunId, cluster.Id, request.PerKind, out var cached))
        {
            return cached;
        }

        var built = await BuildAsync(cluster, request.PerKind, ct);
        graphs.Add(run.RunId, cluster.Id, request.PerKind, built);
        return built;
    }

    private async Task<ClusterGraph> BuildAsync(Domain.Detection.DetectedCluster cluster, int perKindCap, CancellationToken ct)
    {
        var steps = new Dictionary<string, Domain.Detection.EvidenceStep>(StringComparer.Ordinal);
        foreach (var step in cluster.Evidence?.Steps ?? [])
        {
            steps[step.Member] = step;
        }

        var members = new List<ClusterGraphMember>(cluster.Members.Count);
        var links = new List<ClusterGraphLink>();
        var strongest = new Dictionary<(string, string, string), int>();
        foreach (var member in cluster.Members)
        {
            if (steps.TryGetValue(member, out var step))
            {
                members.Add(new ClusterGraphMember(member, step.Parent, step.Depth, step.MatchedIndicators));
                foreach (var link in step.Links)
                {
                    // One link per pair and rule (the strongest): a step can hold several links of one rule.
                    var key = string.CompareOrdinal(link.From, link.To) <= 0 ? (link.From, link.To, link.Rule) : (link.To, link.From, link.Rule);
                    if (strongest.TryGetValue(key, out var at))
                    {
                        if (link.Weight > links[at].Weight)
                        {
                            links[at] = new ClusterGraphLink(link.From, link.To, link.Rule, link.Weight);
                        }
                    }
                    else
                    {
                        strongest[key] = links.Count;
                        links.Add(new ClusterGraphLink(link.From, link.To, link.Rule, link.Weight));
                    }
                }
            }
            else
            {
                members.Add(new ClusterGraphMember(member, null, 0, []));
            }
        }

        // One more than asked tells whether a kind was cut.
        var resources = await graph.GetSharedResourceMembersAsync([.. cluster.Members], perKindCap + 1, ct);
        var kept = new List<SharedResourceMembers>(resources.Count);
        var perKind = new Dictionary<string, int>(StringComparer.Ordinal);
        var truncated = false;
        foreach (var r in resources)
        {
            var n = perKind[r.Kind] = perKind.GetValueOrDefault(r.Kind) + 1;
            if (n > perKindCap)
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
