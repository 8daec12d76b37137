using Distill.Attribution.Application.Accounts;
using Distill.Attribution.Application.Accounts.GetAccounts;
using Distill.GraphQL.Execution;

namespace Distill.Attribution.Api.Accounts;

/// <summary>Batches the details of all accounts a response needs into one <see cref="GetAccountsQuery"/>.</summary>
internal static class AccountDataLoaders
{
    public static async Task<AccountDetails?> DetailsAsync(ResolverContext ctx, CancellationToken ct)
    {
        var account = ctx.Parent<AccountView>();
        if (account.DetailsLoaded)
        {
            return account.Details;
        }

        var loader = ctx.DataLoader<string, AccountView>("accountsById", (ids, token) => ctx.Send(new GetAccountsQuery(ids), token));
        var loaded = await loader.LoadAsync(account.Id);
        return loaded?.Details;
    }
}
