using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Accounts;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Lookup.FindByValue;

/// <summary>Which accounts and clusters touch an IP, payment fingerprint, e-mail domain, client or prompt fingerprint.</summary>
public sealed record FindByValueQuery(LookupKind Kind, string Value, int First = PageLimits.DefaultFirst, int Offset = 0) : IRequest<LookupResult>;

internal sealed class FindByValueHandler(IAccountReadModel accounts, RunCache cache, ICaseStore cases) : IRequestHandler<FindByValueQuery, LookupResult>
{
    /// <summary>Most accounts one look-up collects (a campus NAT can have thousands; the page shows a few).</summary>
    internal const int MaxAccounts = 10_000;

    public async Task<LookupResult> Handle(FindByValueQuery request, CancellationToken ct)
    {
        var ids = await accounts.FindAccountsAsync(request.Kind, request.Value, MaxAccounts + 1, ct);
        var truncated = ids.Count > MaxAccounts;
        var run = await cache.GetAsync(ct);
        var overrides = await cases.GetLatestOverridesAsync(ct);
        var all = new List<AccountView>(Math.Min(ids.Count, MaxAccounts));
        var clusters = new List<ClusterView>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count && i < MaxAccounts; i++)
        {
            var cluster = run?.ClusterOf(ids[i]);
            all.Add(new AccountView(ids[i], cluster?.Id, null, DetailsLoaded: false));
            if (cluster is not null && seen.Add(cluster.Id))
            {
                clusters.Add(new ClusterView(cluster, run!, overrides.GetValueOrDefault(cluster.Id)));
            }
        }

        clusters.Sort(static (a, b) =>
        {
            var c = b.Cluster.RiskScore.CompareTo(a.Cluster.RiskScore);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        return new LookupResult(Pages.Slice(all, request.Offset, request.First), clusters, truncated);
    }
}

internal sealed class FindByValueValidator : AbstractValidator<FindByValueQuery>
{
    public FindByValueValidator()
    {
        RuleFor(q => q.Kind).IsInEnum();
        RuleFor(q => q.Value).NotEmpty().MaximumLength(512);
        RuleFor(q => q.First).ValidFirst();
        RuleFor(q => q.Offset).ValidOffset();
    }
}
