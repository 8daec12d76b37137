using Distill.Attribution.Application.Accounts.GetAccounts;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Accounts;

/// <summary><c>account(id)</c>.</summary>
internal static class AccountQueries
{
    public static void Register(SchemaBuilder b) =>
        b.Query.Field("account").Type(Types.Named("Account")).Argument("id", Types.NonNull(Types.ID))
            .Resolve(async (ctx, ct) =>
            {
                var id = ctx.Arg<string>("id");
                var found = await ctx.Send(new GetAccountsQuery([id]), ct);
                return found.GetValueOrDefault(id);
            });
}
