using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Accounts.GetAccounts;

/// <summary>
/// Accounts by id, in one batch (the API's data loader sends one of these for all accounts a response needs).
/// Ids neither in the store nor in the latest run are absent from the answer.
/// </summary>
public sealed record GetAccountsQuery(IReadOnlyList<string> Ids) : IRequest<IReadOnlyDictionary<string, AccountView>>;

internal sealed class GetAccountsHandler(IAccountReadModel accounts, RunCache cache)
    : IRequestHandler<GetAccountsQuery, IReadOnlyDictionary<string, AccountView>>
{
    public async Task<IReadOnlyDictionary<string, AccountView>> Handle(GetAccountsQuery request, CancellationToken ct)
    {
        var details = await accounts.GetAccountsAsync(request.Ids, ct);
        var run = await cache.GetAsync(ct);
        var views = new Dictionary<string, AccountView>(request.Ids.Count, StringComparer.Ordinal);
        foreach (var id in request.Ids)
        {
            var clusterId = run?.ClusterOf(id)?.Id;
            var found = details.GetValueOrDefault(id);
            if (found is not null || clusterId is not null)
            {
                views[id] = new AccountView(id, clusterId, found, DetailsLoaded: true);
            }
        }

        return views;
    }
}

internal sealed class GetAccountsValidator : AbstractValidator<GetAccountsQuery>
{
    public GetAccountsValidator()
    {
        RuleFor(q => q.Ids.Count).InclusiveBetween(1, 1000).OverridePropertyName("ids");
        RuleForEach(q => q.Ids).NotEmpty().MaximumLength(200).OverridePropertyName("id");
    }
}
