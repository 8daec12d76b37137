using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Operators.ListOperators;

/// <summary>
/// Operators known to the latest run (those its indicators name, and any an override names), those with the
/// most attributed clusters first.
/// </summary>
public sealed record ListOperatorsQuery(int First = PageLimits.DefaultFirst, int Offset = 0) : IRequest<Page<OperatorView>>;

internal sealed class ListOperatorsHandler(RunCache cache, ICaseStore cases) : IRequestHandler<ListOperatorsQuery, Page<OperatorView>>
{
    public async Task<Page<OperatorView>> Handle(ListOperatorsQuery request, CancellationToken ct)
    {
        var run = await cache.GetAsync(ct);
        if (run is null)
        {
            return new Page<OperatorView>([], 0, 0);
        }

        var overrides = await cases.GetLatestOverridesAsync(ct);
        var clusters = new Dictionary<string, List<ClusterView>>(StringComparer.Ordinal);
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        var confidence = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var id in run.Run.KnownOperators)
        {
            clusters[id] = [];
        }

        foreach (var cluster in run.ByRisk)
        {
            if (cluster.Operator is { } attribution)
            {
                names.TryAdd(attribution.OperatorId, attribution.OperatorName);
                confidence[attribution.OperatorId] = Math.Max(confidence.GetValueOrDefault(attribution.OperatorId), attribution.Confidence);
            }

            var view = new ClusterView(cluster, run, overrides.GetValueOrDefault(cluster.Id));
            if (view.EffectiveOperatorId is { } effective)
            {
                if (!clusters.TryGetValue(effective, out var list))
                {
                    clusters[effective] = list = [];
                }

                list.Add(view);
            }
        }

        var operators = clusters
            .Select(kv => new OperatorView(kv.Key, names.GetValueOrDefault(kv.Key), kv.Value, confidence.TryGetValue(kv.Key, out var c) ? c : null))
            .OrderByDescending(o => o.Clusters.Count)
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .ToArray();
        return Pages.Slice(operators, request.Offset, request.First);
    }
}

internal sealed class ListOperatorsValidator : AbstractValidator<ListOperatorsQuery>
{
    public ListOperatorsValidator()
    {
        RuleFor(q => q.First).ValidFirst();
        RuleFor(q => q.Offset).ValidOffset();
    }
}
