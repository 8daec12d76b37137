using Distill.Attribution.Api.Paging;
using Distill.Attribution.Application.Runs.ListRuns;
using Distill.GraphQL.TypeSystem;

namespace Distill.Attribution.Api.Runs;

/// <summary><c>runs</c>, newest first.</summary>
internal static class RunQueries
{
    public static void Register(SchemaBuilder b, ConnectionTypes connections) =>
        b.Query.Field("runs").Type(Types.NonNull(connections.Of("Run"))).Paged()
            .Resolve(async (ctx, ct) =>
            {
                var (first, offset) = ConnectionTypes.Read(ctx);
                return Connection.From(await ctx.Send(new ListRunsQuery(first, offset), ct));
            });
}
