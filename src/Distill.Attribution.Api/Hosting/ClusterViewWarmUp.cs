using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Distill.Attribution.Api.Access;
using Distill.Attribution.Api.Workbench;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Clusters.GetClusterGraph;
using Distill.Attribution.Application.Clusters.GetMemberActivity;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Sqlite.Investigation;
using Distill.GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Distill.Attribution.Api.Hosting;

/// <summary>
/// What the first investigator would otherwise wait for, done once at start and off the request path: the GraphQL
/// engine's code paths (compiled by one introspection query), the in-memory
/// request aggregates (timelines, client and prompt look-ups: one scan of the requests table, ~13 s at scale 1), the
/// latest run, and the graphs and hourly timelines of the <see cref="Clusters"/> largest flagged clusters (store reads
/// of up to a second each for 2,000 members). Progress is in <see cref="WarmUpState"/>, reported by <c>/readyz</c>.
/// </summary>
internal sealed class ClusterViewWarmUp(
    RequestAggregates aggregates, RunCache runs, IServiceScopeFactory scopes, GraphQLExecutor executor, WarmUpState state, ILogger<ClusterViewWarmUp> logger) : BackgroundService
{
    /// <summary>The cluster view's fields, run once for the largest flagged cluster (see <see cref="WarmClustersAsync"/>).</summary>
    private const string ClusterViewWarmUpQuery = """
        query ClusterViewWarmUp($id: ID!) { cluster(id: $id) { id size features { synchrony } operator { id matchedIndicators { kind } } verdicts { verdict }
          graph { resourcesTruncated members { id parent depth matchedIndicators } resources { kind value members outsideAccounts } links { from to rule weight }
                  compact { members parents depths matched { member indicators } resources { kind value label members outsideAccounts } links { rule from to weights } } }
          memberActivity(granularity: HOUR) { start bucketMillis bucketCount rows { account buckets requests } } }
          modelReleases { model releasedAt } }
        """;

    /// <summary>
    /// Run once through the engine so that its parser, validation, execution and JSON writing are compiled before the
    /// first caller comes (the first request of a fresh process took ~0.5 s more): introspection needs no caller, no
    /// store and no observer (the request carries no services, so nothing is audited).
    /// </summary>
    private const string EngineWarmUp = "query WarmUp { __schema { types { name kind fields { name args { name type { name kind ofType { name kind } } } type { name kind ofType { name kind ofType { name kind } } } } } } }";

    /// <summary>Largest flagged clusters whose graph and timeline are built at start (well inside the caches' bounds).</summary>
    public const int Clusters = 4;

    private static readonly Action<ILogger, Exception?> Failed =
        LoggerMessage.Define(LogLevel.Warning, new EventId(3, "WarmUpFailed"), "Warming up at start failed; the first queries that need the aggregates or a graph build them.");

    private static readonly Action<ILogger, double, int, Exception?> Done =
        LoggerMessage.Define<double, int>(LogLevel.Information, new EventId(4, "WarmUpDone"), "Warm-up done in {Seconds:0.0} s: request aggregates, the latest run, {Clusters} cluster graphs and timelines.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await Task.Run(() => WarmEngineAsync(stoppingToken), stoppingToken);
            await Task.Run(aggregates.Refresh, stoppingToken);
            var built = await Task.Run(() => WarmClustersAsync(stoppingToken), stoppingToken);
            state.Finish(WarmUpState.Done);
            Done(logger, Stopwatch.GetElapsedTime(started).TotalSeconds, built, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            state.Finish(WarmUpState.Failed);
            Failed(logger, e);
        }
    }

    private Task WarmEngineAsync(CancellationToken ct) => ExecuteAsync(new GraphQLRequest { Query = EngineWarmUp, AllowMutations = false }, ct);

    private async Task<int> WarmClustersAsync(CancellationToken ct)
    {
        if (await runs.GetAsync(ct) is not { } run)
        {
            return 0;
        }

        var largest = run.ByRisk.Where(c => c.Flagged).OrderByDescending(c => c.Members.Count).ThenBy(c => c.Id, StringComparer.Ordinal).Take(Clusters).ToList();
        foreach (var cluster in largest)
        {
            // Through the dispatcher like any request (validation, authorization), as a read-only caller of its own:
            // nothing reaches the audit trail, which records the API's callers, and nothing but reads is sent.
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<RequestCaller>().Authenticate("warm-up", Role.Investigator, "server warm-up");
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            await sender.Send(new GetClusterGraphQuery(cluster.Id, WorkbenchSchema.DefaultPerKind), ct);
            await sender.Send(new GetMemberActivityQuery(cluster.Id, ActivityGranularity.Hour), ct);
        }

        if (largest.Count > 0)
        {
            // The cluster view's fields through the engine once, so that completing a large graph and timeline is
            // compiled too (~0.2 s of the first cluster view otherwise). Same caller; the engine finds no observer.
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<RequestCaller>().Authenticate("warm-up", Role.Investigator, "server warm-up");
            var variables = JsonDocument.Parse(JsonSerializer.Serialize(new { id = largest[0].Id })).RootElement.Clone();
            await ExecuteAsync(new GraphQLRequest { Query = ClusterViewWarmUpQuery, Variables = variables, Services = new WithoutObservers(scope.ServiceProvider), AllowMutations = false }, ct);
        }

        return largest.Count;
    }

    private async Task ExecuteAsync(GraphQLRequest request, CancellationToken ct)
    {
        var result = await executor.ExecuteAsync(request, ct);
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException($"The warm-up query {request.Query[..Math.Min(40, request.Query.Length)]}... failed: {result.Errors[0].Message}");
        }

        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var writer = new Utf8JsonWriter(buffer, ExecutionResult.WriterOptions);
        result.WriteTo(writer);
    }

    /// <summary>
    /// The warm-up's own request is not an API caller's: the engine sees no request observer (the audit trail records
    /// what callers of the API asked, and nobody asked this); every other service is the scope's.
    /// </summary>
    private sealed class WithoutObservers(IServiceProvider inner) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IEnumerable<IGraphQLRequestObserver>) ? Array.Empty<IGraphQLRequestObserver>() : inner.GetService(serviceType);
    }
}
