using Distill.Attribution.Api.Paging;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Clusters.GetCluster;
using Distill.Attribution.Application.Clusters.ListClusters;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Clusters;

/// <summary><c>clusters(...)</c> and <c>cluster(id)</c>.</summary>
internal static class ClusterQueries
{
    public static void Register(SchemaBuilder b, ConnectionTypes connections)
    {
        var order = b.Enum<ClusterOrder>("ClusterOrder", "Orders of the cluster list.");
        var signal = b.Enum<ClusterSignal>("ClusterSignal", "A feature behind the risk score; as a filter it keeps clusters where the feature is at least 0.5.");
        b.Query.Field("clusters").Type(Types.NonNull(connections.Of("Cluster"))).Description("Clusters of the latest run.")
            .Argument("flagged", Types.Boolean)
            .Argument("operatorId", Types.ID).ArgumentDescription("Only clusters whose operator in force is this one.")
            .Argument("minRisk", Types.Float)
            .Argument("maxRisk", Types.Float)
            .Argument("minSize", Types.Int)
            .Argument("signal", signal)
            .Argument("from", Types.DateTime).ArgumentDescription("Only clusters whose members were active at or after this time.")
            .Argument("to", Types.DateTime).ArgumentDescription("Only clusters whose members were active at or before this time.")
            .Argument("orderBy", Types.NonNull(order), ClusterOrder.RiskDesc)
            .Paged()
            .Resolve(async (ctx, ct) =>
            {
                var (first, offset) = ConnectionTypes.Read(ctx);
                var page = await ctx.Send(new ListClustersQuery(
                    ctx.Arg<bool?>("flagged"), ctx.Arg<string?>("operatorId"), ctx.Arg<double?>("minRisk"), ctx.Arg<double?>("maxRisk"),
                    ctx.Arg<int?>("minSize"), ctx.HasArgument("signal") ? ctx.Arg<ClusterSignal?>("signal") : null,
                    ctx.Arg<DateTimeOffset?>("from"), ctx.Arg<DateTimeOffset?>("to"), ctx.Arg<ClusterOrder>("orderBy"), first, offset), ct);
                return Connection.From(page);
            })
            .Field("cluster").Type(Types.Named("Cluster")).Argument("id", Types.NonNull(Types.ID))
            .Resolve((ctx, ct) => ctx.Send(new GetClusterQuery(ctx.Arg<string>("id")), ct));
    }
}
