using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Detection;
using FluentValidation;

namespace Distill.Attribution.Application.Clusters.ListClusters;

/// <summary>Clusters of the latest run, filtered and ordered, one page at a time.</summary>
public sealed record ListClustersQuery(
    bool? Flagged = null,
    string? OperatorId = null,
    double? MinRisk = null,
    double? MaxRisk = null,
    int? MinSize = null,
    ClusterSignal? Signal = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    ClusterOrder OrderBy = ClusterOrder.RiskDesc,
    int First = PageLimits.DefaultFirst,
    int Offset = 0) : IRequest<Page<ClusterView>>;

internal sealed class ListClustersHandler(RunCache cache, ICaseStore cases) : IRequestHandler<ListClustersQuery, Page<ClusterView>>
{
    public async Task<Page<ClusterView>> Handle(ListClustersQuery request, CancellationToken ct)
    {
        var run = await cache.GetAsync(ct);
        if (run is null)
        {
            return new Page<ClusterView>([], 0, 0);
        }

        var overrides = await cases.GetLatestOverridesAsync(ct);
        var selected = new List<ClusterView>();
        foreach (var cluster in run.ByRisk)
        {
            var view = new ClusterView(cluster, run, overrides.GetValueOrDefault(cluster.Id));
            if (Matches(request, view, run))
            {
                selected.Add(view);
            }
        }

        Order(selected, request.OrderBy);
        return Pages.Slice(selected, request.Offset, request.First);
    }

    private static bool Matches(ListClustersQuery q, ClusterView view, RunView run)
    {
        var c = view.Cluster;
        if ((q.Flagged is { } flagged && c.Flagged != flagged)
            || (q.MinRisk is { } min && c.RiskScore < min)
            || (q.MaxRisk is { } max && c.RiskScore > max)
            || (q.MinSize is { } size && c.Members.Count < size)
            || (q.OperatorId is { } op && !string.Equals(view.EffectiveOperatorId, op, StringComparison.Ordinal))
            || (q.Signal is { } signal && ClusterSignals.ValueOf(c.Features, signal) < ClusterSignals.StrongAt))
        {
            return false;
        }

        if (q.From is null && q.To is null)
        {
            return true;
        }

        // A time window keeps the clusters whose members were active in it (their request span overlaps it).
        if (run.ActivityOf(c.Id) is not { } span)
        {
            return false;
        }

        return (q.From is not { } from || span.Last >= from) && (q.To is not { } to || span.First <= to);
    }

    private static void Order(List<ClusterView> clusters, ClusterOrder order)
    {
        Comparison<DetectedCluster> compare = order switch
        {
            ClusterOrder.RiskDesc => static (a, b) => b.RiskScore.CompareTo(a.RiskScore),
            ClusterOrder.RiskAsc => static (a, b) => a.RiskScore.CompareTo(b.RiskScore),
            ClusterOrder.SizeDesc => static (a, b) => b.Members.Count.CompareTo(a.Members.Count),
            ClusterOrder.SizeAsc => static (a, b) => a.Members.Count.CompareTo(b.Members.Count),
            _ => static (a, b) => 0,
        };

        // Ties by id, so pages never overlap or skip.
        clusters.Sort((x, y) =>
        {
            var c = compare(x.Cluster, y.Cluster);
            return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
        });
    }
}

internal sealed class ListClustersValidator : AbstractValidator<ListClustersQuery>
{
    public ListClustersValidator()
    {
        RuleFor(q => q.First).ValidFirst();
        RuleFor(q => q.Offset).ValidOffset();
        RuleFor(q => q.MinRisk).InclusiveBetween(0, 1).When(q => q.MinRisk is not null);
        RuleFor(q => q.MaxRisk).InclusiveBetween(0, 1).When(q => q.MaxRisk is not null);
        RuleFor(q => q.MaxRisk).GreaterThanOrEqualTo(q => q.MinRisk).When(q => q.MinRisk is not null && q.MaxRisk is not null)
            .WithMessage("maxRisk must not be below minRisk.");
        RuleFor(q => q.MinSize).GreaterThanOrEqualTo(1).When(q => q.MinSize is not null);
        RuleFor(q => q.OperatorId).NotEmpty().MaximumLength(200).When(q => q.OperatorId is not null);
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("to must not be before from.");
    }
}
