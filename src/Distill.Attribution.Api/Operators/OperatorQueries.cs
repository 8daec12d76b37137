using Distill.Attribution.Api.Paging;
using Distill.Attribution.Application.Operators;
using Distill.Attribution.Application.Operators.ListOperators;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Operators;

/// <summary><c>operators</c>: suspected operators and their clusters.</summary>
internal static class OperatorQueries
{
    public static void Register(SchemaBuilder b, ConnectionTypes connections)
    {
        var summary = b.Object<OperatorView>("OperatorSummary", "A suspected operator known to the latest run.");
        summary.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<OperatorView>(o => o.Id)
            .Field("name").Type(Types.String).ResolveFrom<OperatorView>(o => o.Name)
            .Field("maxConfidence").Type(Types.Float).Description("Best attribution confidence over its clusters.").ResolveFrom<OperatorView>(o => o.MaxConfidence)
            .Field("clusterCount").Type(Types.NonNull(Types.Int)).ResolveFrom<OperatorView>(o => o.Clusters.Count)
            .Field("clusters").Type(Types.NonNull(connections.Of("Cluster"))).Paged()
            .Resolve(ctx => ConnectionTypes.Slice(ctx, ctx.Parent<OperatorView>().Clusters));
        b.Query.Field("operators").Type(Types.NonNull(connections.Of("OperatorSummary"))).Paged()
            .Resolve(async (ctx, ct) =>
            {
                var (first, offset) = ConnectionTypes.Read(ctx);
                return Connection.From(await ctx.Send(new ListOperatorsQuery(first, offset), ct));
            });
    }
}
