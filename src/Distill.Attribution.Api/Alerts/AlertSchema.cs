using System.Globalization;
using Distill.Attribution.Api.Paging;
using Distill.Attribution.Application.Live;
using Distill.Attribution.Application.Live.ListAlerts;
using Distill.Attribution.Application.Live.SetAlertStatus;
using Distill.GraphQL;
using Distill.GraphQL.Execution;
using Distill.GraphQL.TypeSystem;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Api.Alerts;

/// <summary>Live-mode alerts: the <c>alerts</c> query and the <c>acknowledgeAlert</c> / <c>resolveAlert</c> mutations (analyst and above).</summary>
internal static class AlertSchema
{
    public static void Register(SchemaBuilder b, ConnectionTypes connections)
    {
        var kind = b.Enum<AlertKind>("AlertKind", "What changed between two runs to raise an alert.");
        var status = b.Enum<AlertStatus>("AlertStatus", "Where an alert stands; open and acknowledged alerts are updated by later runs, a resolved one is closed.");
        var fact = b.Object<AlertFact>("AlertFact", "One piece of the evidence an alert carries.");
        fact.Field("name").Type(Types.NonNull(Types.String)).ResolveFrom<AlertFact>(f => f.Name)
            .Field("value").Type(Types.NonNull(Types.String)).ResolveFrom<AlertFact>(f => f.Value);
        var alert = b.Object<LiveAlert>("Alert", "An alert of live mode (distill watch / replay) about one flagged cluster; one open alert per cluster, kind and model.");
        alert.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<LiveAlert>(a => a.Id.ToString(CultureInfo.InvariantCulture))
            .Field("clusterId").Type(Types.NonNull(Types.ID)).ResolveFrom<LiveAlert>(a => a.ClusterId)
            .Field("kind").Type(Types.NonNull(kind)).ResolveFrom<LiveAlert>(a => a.Kind)
            .Field("model").Type(Types.String).Description("The newly released model of a RELEASE_PIVOT; null for other kinds.").ResolveFrom<LiveAlert>(a => a.Subject.Length == 0 ? null : a.Subject)
            .Field("status").Type(Types.NonNull(status)).ResolveFrom<LiveAlert>(a => a.Status)
            .Field("summary").Type(Types.NonNull(Types.String)).ResolveFrom<LiveAlert>(a => a.Summary)
            .Field("evidence").Type(Types.NonNull(Types.List(Types.NonNull(fact)))).ResolveFrom<LiveAlert>(a => a.Evidence)
            .Field("runId").Type(Types.NonNull(Types.String)).Description("The run that raised or last updated the alert.").ResolveFrom<LiveAlert>(a => a.RunId)
            .Field("firstRunId").Type(Types.NonNull(Types.String)).ResolveFrom<LiveAlert>(a => a.FirstRunId)
            .Field("lineage").Type(Types.NonNull(Types.String)).ResolveFrom<LiveAlert>(a => a.Lineage.ToString().ToLowerInvariant())
            .Field("lineageParents").Type(Types.NonNull(Types.List(Types.NonNull(Types.ID)))).ResolveFrom<LiveAlert>(a => a.LineageParents)
            .Field("operatorId").Type(Types.ID).ResolveFrom<LiveAlert>(a => a.OperatorId)
            .Field("riskScore").Type(Types.NonNull(Types.Float)).ResolveFrom<LiveAlert>(a => a.RiskScore)
            .Field("memberCount").Type(Types.NonNull(Types.Int)).ResolveFrom<LiveAlert>(a => a.MemberCount)
            .Field("updates").Type(Types.NonNull(Types.Int)).Description("How many later runs changed its evidence.").ResolveFrom<LiveAlert>(a => a.Updates)
            .Field("raisedAt").Type(Types.NonNull(Types.DateTime)).ResolveFrom<LiveAlert>(a => a.RaisedAt)
            .Field("updatedAt").Type(Types.NonNull(Types.DateTime)).ResolveFrom<LiveAlert>(a => a.UpdatedAt)
            .Field("observedAt").Type(Types.NonNull(Types.DateTime)).Description("The data's time when raised: the latest request the run saw.").ResolveFrom<LiveAlert>(a => a.ObservedAt)
            .Field("handledBy").Type(Types.String).Description("Key id of whoever acknowledged or resolved it.").ResolveFrom<LiveAlert>(a => a.HandledBy);

        b.Query.Field("alerts").Type(Types.NonNull(connections.Of("Alert"))).Description("Live-mode alerts, newest first.").Paged()
            .Argument("status", status).ArgumentDescription("Only alerts of this status.")
            .Resolve(async (ctx, ct) =>
            {
                var (first, offset) = ConnectionTypes.Read(ctx);
                return Connection.From(await ctx.Send(new ListAlertsQuery(ctx.Arg<AlertStatus?>("status"), first, offset), ct));
            });

        b.MutationType()
            .Field("acknowledgeAlert").Type(Types.NonNull(alert)).Description("Marks an alert as seen; later runs still update it.")
            .Argument("id", Types.NonNull(Types.ID))
            .Resolve((ctx, ct) => ctx.Send(new SetAlertStatusCommand(Id(ctx.Arg<string>("id")), AlertStatus.Acknowledged), ct))
            .Field("resolveAlert").Type(Types.NonNull(alert)).Description("Closes an alert; a later change of its cluster and kind opens a new one.")
            .Argument("id", Types.NonNull(Types.ID))
            .Resolve((ctx, ct) => ctx.Send(new SetAlertStatusCommand(Id(ctx.Arg<string>("id")), AlertStatus.Resolved), ct));

        b.SubscriptionType()
            .Field("alertRaised").Type(Types.NonNull(alert))
            .Description("Each alert a live-mode run (distill watch / replay) raises or updates from now on, within a poll interval (250 ms by default) of its being saved. Over GraphQL over Server-Sent Events: POST with Accept: text/event-stream (the graphql-sse protocol, distinct connections mode).")
            .Argument("kinds", Types.List(Types.NonNull(kind))).ArgumentDescription("Only alerts of these kinds (default: every kind).")
            .Argument("minRisk", Types.Float).ArgumentDescription("Only alerts whose cluster's risk score is at least this (0 to 1).")
            .Subscribe(Subscribe);
    }

    private static IAsyncEnumerable<LiveAlert> Subscribe(ResolverContext ctx, CancellationToken ct)
    {
        var minRisk = ctx.Arg<double?>("minRisk");
        if (minRisk is { } min && (double.IsNaN(min) || min < 0 || min > 1))
        {
            throw GraphQLException.BadUserInput("minRisk must be between 0 and 1.");
        }

        var kinds = ctx.HasArgument("kinds") ? ctx.Arg<AlertKind[]?>("kinds") : null;
        return ctx.Services.GetRequiredService<AlertFeed>().SubscribeAsync(new AlertFilter(kinds, minRisk), ct);
    }

    /// <summary>An alert id; 0 (refused by the validator) when it is not a number.</summary>
    private static long Id(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
}
