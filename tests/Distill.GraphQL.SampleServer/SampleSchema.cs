using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.SampleServer;

/// <summary>The ~10-type schema served for the conformance audit and the benchmark.</summary>
internal static class SampleSchema
{
    public static Schema Build(SampleData data)
    {
        var builder = new SchemaBuilder { Description = null };
        var node = builder.Interface("Node", "An object with an id.");
        node.Field("id").Type(Types.NonNull(Types.ID));

        var status = builder.Enum("AccountStatus").Value("ACTIVE").Value("SUSPENDED").Value("CLOSED", deprecationReason: "Closed accounts are removed.");
        var paymentKind = builder.Enum("PaymentKind").Value("CARD").Value("PAYPAL").Value("CRYPTO");

        var payment = builder.Object<SampleData.PaymentRow>("Payment", "A payment method of an account.");
        payment.Implements(node);
        payment.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<SampleData.PaymentRow>(p => p.Id)
            .Field("kind").Type(Types.NonNull(paymentKind)).ResolveFrom<SampleData.PaymentRow>(p => p.Kind)
            .Field("fingerprint").Type(Types.NonNull(Types.String)).ResolveFrom<SampleData.PaymentRow>(p => p.Fingerprint);

        var account = builder.Object<SampleData.AccountRow>("Account", "An API account.");
        account.Implements(node);
        account.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<SampleData.AccountRow>(a => a.Id)
            .Field("email").Type(Types.NonNull(Types.String)).ResolveFrom<SampleData.AccountRow>(a => a.Email)
            .Field("createdAt").Type(Types.NonNull(Types.DateTime)).ResolveFrom<SampleData.AccountRow>(a => a.CreatedAt)
            .Field("status").Type(Types.NonNull(status)).ResolveFrom<SampleData.AccountRow>(a => a.Status)
            .Field("payments").Type(Types.NonNullList(payment)).ResolveFrom<SampleData.AccountRow>(a => a.Payments)
            .Field("legacyScore").Type(Types.Float).Deprecated("Use the cluster risk score.").ResolveFrom<SampleData.AccountRow>(_ => null);

        var @operator = builder.Object<SampleData.OperatorRow>("Operator", "A suspected operator behind clusters.");
        @operator.Implements(node);
        @operator.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<SampleData.OperatorRow>(o => o.Id)
            .Field("name").Type(Types.NonNull(Types.String)).ResolveFrom<SampleData.OperatorRow>(o => o.Name)
            .Field("confidence").Type(Types.NonNull(Types.Float)).ResolveFrom<SampleData.OperatorRow>(o => o.Confidence);

        var cluster = builder.Object<SampleData.ClusterRow>("Cluster", "A coordinated group of accounts.");
        cluster.Implements(node);
        cluster.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<SampleData.ClusterRow>(c => c.Id)
            .Field("riskScore").Type(Types.NonNull(Types.Float)).ResolveFrom<SampleData.ClusterRow>(c => c.RiskScore)
            .Field("flagged").Type(Types.NonNull(Types.Boolean)).ResolveFrom<SampleData.ClusterRow>(c => c.Flagged)
            .Field("size").Type(Types.NonNull(Types.Int)).ResolveFrom<SampleData.ClusterRow>(c => c.Size)
            .Field("operator").Type(@operator).ResolveFrom<SampleData.ClusterRow>(c => c.Operator)
            .Field("members").Type(Types.NonNullList(account)).Argument("first", Types.Int, 10)
            .Resolve(ctx => ctx.Parent<SampleData.ClusterRow>().Members.Take(Math.Max(0, ctx.Arg<int>("first"))).ToArray());

        var searchResult = builder.Union("SearchResult", "Anything a search can find.").Member(cluster).Member(account).Member(@operator);

        var filter = builder.InputObject("ClusterFilter", "Which clusters to list.")
            .Field("flagged", Types.Boolean)
            .Field("minRisk", Types.Float, 0.0).FieldDescription("Lowest risk score, inclusive.");

        builder.Query
            .Field("hello").Type(Types.NonNull(Types.String)).Argument("name", Types.String, "world")
            .Resolve(ctx => "Hello, " + ctx.Arg<string>("name") + "!")
            .Field("clusters").Type(Types.NonNullList(cluster))
            .Argument("first", Types.Int, 10).Argument("filter", filter)
            .Resolve(ctx =>
            {
                var filterValue = ctx.Arg<IReadOnlyDictionary<string, object?>>("filter");
                var flagged = filterValue?.GetValueOrDefault("flagged") as bool?;
                var minRisk = filterValue?.GetValueOrDefault("minRisk") as double? ?? 0.0;
                return data.Clusters.Where(c => (flagged is null || c.Flagged == flagged) && c.RiskScore >= minRisk)
                    .Take(Math.Max(0, ctx.Arg<int>("first"))).ToArray();
            })
            .Field("cluster").Type(cluster).Argument("id", Types.NonNull(Types.ID))
            .Resolve(async (ctx, ct) =>
            {
                // Asynchronous on purpose, through a data loader: exercises the batching path over HTTP.
                var loader = ctx.DataLoader<string, SampleData.ClusterRow>("clusterById", (ids, _) =>
                    Task.FromResult<IReadOnlyDictionary<string, SampleData.ClusterRow>>(
                        data.Clusters.Where(c => ids.Contains(c.Id)).ToDictionary(c => c.Id)));
                return await loader.LoadAsync(ctx.Arg<string>("id"));
            })
            .Field("node").Type(node).Argument("id", Types.NonNull(Types.ID))
            .Resolve(ctx => Find(data, ctx.Arg<string>("id")))
            .Field("search").Type(Types.NonNullList(searchResult)).Argument("text", Types.NonNull(Types.String))
            .Resolve(ctx => new object?[] { Find(data, ctx.Arg<string>("text")) }.Where(x => x is not null).ToArray())
            .Field("now").Type(Types.NonNull(Types.DateTime)).Resolve(_ => DateTimeOffset.UnixEpoch)
            .Field("big").Type(Types.NonNull(Types.Long)).Resolve(_ => 9_007_199_254_740_993L)
            .Field("echo").Type(Types.Json).Argument("value", Types.Json).Resolve(ctx => ctx.Arguments.GetValueOrDefault("value"));

        var mutation = builder.MutationType();
        mutation.Field("flagCluster").Type(cluster).Argument("id", Types.NonNull(Types.ID))
            .Resolve(ctx => data.Clusters.FirstOrDefault(c => c.Id == ctx.Arg<string>("id")));

        return builder.Build();
    }

    private static object? Find(SampleData data, string id) =>
        id.StartsWith("op", StringComparison.Ordinal) ? data.Operators.FirstOrDefault(o => o.Id == id)
        : id.StartsWith('c') ? data.Clusters.FirstOrDefault(c => c.Id == id)
        : id.StartsWith('a') ? data.Clusters.SelectMany(c => c.Members).FirstOrDefault(a => a.Id == id)
        : null;
}
