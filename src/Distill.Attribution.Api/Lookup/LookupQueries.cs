using Distill.Attribution.Api.Paging;
using Distill.Attribution.Application.Lookup;
using Distill.Attribution.Application.Lookup.FindByValue;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Lookup;

/// <summary><c>lookup(kind, value)</c>: which accounts and clusters touch a value.</summary>
internal static class LookupQueries
{
    public static void Register(SchemaBuilder b, ConnectionTypes connections)
    {
        var kind = b.Enum<LookupKind>("LookupKind", "What a look-up searches by.");
        var result = b.Object<LookupResult>("LookupResult", "Accounts that touch the value and the clusters that contain them.");
        result.Field("accounts").Type(Types.NonNull(connections.Of("Account"))).ResolveFrom<LookupResult>(r => Connection.From(r.Accounts))
            .Field("clusters").Type(Types.NonNull(connections.Of("Cluster"))).Paged()
            .Resolve(ctx => ConnectionTypes.Slice(ctx, ctx.Parent<LookupResult>().Clusters))
            .Field("truncated").Type(Types.NonNull(Types.Boolean)).Description("True when more accounts touch the value than one look-up collects (10,000).")
            .ResolveFrom<LookupResult>(r => r.Truncated);
        b.Query.Field("lookup").Type(Types.NonNull(result)).Description("Which accounts and clusters touch an IP, payment fingerprint, e-mail domain, client or prompt fingerprint.")
            .Argument("kind", Types.NonNull(kind)).Argument("value", Types.NonNull(Types.String)).Paged()
            .ArgumentDescription("Pages the accounts.")
            .Resolve((ctx, ct) =>
            {
                var (first, offset) = ConnectionTypes.Read(ctx);
                return ctx.Send(new FindByValueQuery(ctx.Arg<LookupKind>("kind"), ctx.Arg<string>("value"), first, offset), ct);
            });
    }
}
