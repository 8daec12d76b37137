using Distill.Attribution.Application.Accounts;
using Distill.Attribution.Application.Clusters.GetCluster;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Accounts;

/// <summary>The <c>Account</c> type with its payments, IPs and request statistics.</summary>
internal static class AccountType
{
    public static void Register(SchemaBuilder b)
    {
        var count = b.Object<NamedCount>("NamedCount", "A name with a request count.");
        count.Field("name").Type(Types.NonNull(Types.String)).ResolveFrom<NamedCount>(c => c.Name)
            .Field("count").Type(Types.NonNull(Types.Long)).ResolveFrom<NamedCount>(c => c.Count);

        var payment = b.Object<AccountPayment>("Payment", "A payment instrument (its opaque fingerprint; card numbers are never stored).");
        payment.Field("fingerprint").Type(Types.NonNull(Types.String)).ResolveFrom<AccountPayment>(p => p.Fingerprint)
            .Field("kind").Type(Types.String).ResolveFrom<AccountPayment>(p => p.Kind)
            .Field("bin").Type(Types.String).ResolveFrom<AccountPayment>(p => p.Bin)
            .Field("issuerCountry").Type(Types.String).ResolveFrom<AccountPayment>(p => p.IssuerCountry)
            .Field("firstSeen").Type(Types.NonNull(Types.DateTime)).ResolveFrom<AccountPayment>(p => p.FirstSeen);

        var ip = b.Object<AccountIp>("AccountIp", "An IP the account used.");
        ip.Field("ip").Type(Types.NonNull(Types.String)).ResolveFrom<AccountIp>(i => i.Ip)
            .Field("asn").Type(Types.Long).ResolveFrom<AccountIp>(i => i.Asn)
            .Field("asnOrg").Type(Types.String).ResolveFrom<AccountIp>(i => i.AsnOrg)
            .Field("ipType").Type(Types.String).ResolveFrom<AccountIp>(i => i.IpType)
            .Field("sessions").Type(Types.NonNull(Types.Int)).ResolveFrom<AccountIp>(i => i.Sessions)
            .Field("requests").Type(Types.NonNull(Types.Long)).ResolveFrom<AccountIp>(i => i.Requests)
            .Field("firstSeen").Type(Types.DateTime).ResolveFrom<AccountIp>(i => i.FirstSeen)
            .Field("lastSeen").Type(Types.DateTime).ResolveFrom<AccountIp>(i => i.LastSeen);

        var stats = b.Object<AccountRequestStats>("RequestStats", "Request statistics of an account.");
        stats.Field("requests").Type(Types.NonNull(Types.Long)).ResolveFrom<AccountRequestStats>(s => s.Requests)
            .Field("inputTokens").Type(Types.NonNull(Types.Long)).ResolveFrom<AccountRequestStats>(s => s.InputTokens)
            .Field("outputTokens").Type(Types.NonNull(Types.Long)).ResolveFrom<AccountRequestStats>(s => s.OutputTokens)
            .Field("firstRequest").Type(Types.DateTime).ResolveFrom<AccountRequestStats>(s => s.FirstRequest)
            .Field("lastRequest").Type(Types.DateTime).ResolveFrom<AccountRequestStats>(s => s.LastRequest)
            .Field("byModel").Type(Types.NonNullList(count)).ResolveFrom<AccountRequestStats>(s => s.ByModel)
            .Field("byCapability").Type(Types.NonNullList(count)).ResolveFrom<AccountRequestStats>(s => s.ByCapability);

        var account = b.Object<AccountView>("Account", "An API account.");
        account.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<AccountView>(a => a.Id)
            .Field("cluster").Type(Types.Named("Cluster")).Description("The account's cluster in the latest run.")
            .Resolve(async (ctx, ct) =>
            {
                var a = ctx.Parent<AccountView>();
                var clusterId = a.ClusterId;
                if (clusterId is null && !a.DetailsLoaded)
                {
                    return null;
                }

                return clusterId is null ? null : await ctx.Send(new GetClusterQuery(clusterId), ct);
            })
            .Field("createdAt").Type(Types.DateTime).Resolve(async (ctx, ct) => (await AccountDataLoaders.DetailsAsync(ctx, ct))?.CreatedAt)
            .Field("emailDomain").Type(Types.String).Resolve(async (ctx, ct) => (await AccountDataLoaders.DetailsAsync(ctx, ct))?.EmailDomain)
            .Field("orgName").Type(Types.String).Resolve(async (ctx, ct) => (await AccountDataLoaders.DetailsAsync(ctx, ct))?.OrgName)
            .Field("accessPathway").Type(Types.String).Resolve(async (ctx, ct) => (await AccountDataLoaders.DetailsAsync(ctx, ct))?.AccessPathway)
            .Field("country").Type(Types.String).Resolve(async (ctx, ct) => (await AccountDataLoaders.DetailsAsync(ctx, ct))?.Country)
            .Field("status").Type(Types.String).Resolve(async (ctx, ct) => (await AccountDataLoaders.DetailsAsync(ctx, ct))?.Status)
            .Field("payments").Type(Types.NonNullList(payment))
            .Resolve(async (ctx, ct) => (await AccountDataLoaders.DetailsAsync(ctx, ct))?.Payments ?? [])
            .Field("ips").Type(Types.NonNullList(ip))
            .Resolve(async (ctx, ct) => (await AccountDataLoaders.DetailsAsync(ctx, ct))?.Ips ?? [])
            .Field("requestStats").Type(stats)
            .Resolve(async (ctx, ct) => (await AccountDataLoaders.DetailsAsync(ctx, ct))?.Requests);
    }
}
