using Distill.Attribution.Application;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Live;
using Distill.Attribution.EvidencePacks;
using Distill.Attribution.Infrastructure;
using Distill.Attribution.Infrastructure.Detection;
using Distill.Attribution.Neo4j;
using Distill.Attribution.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// The command line's one composition root (issue 16): every verb that sends requests gets its container here, built
/// from the same registrations the API uses, with the local operator (<see cref="FixedCaller.CommandLine"/>, admin) as
/// the caller. Each verb registers only what it touches: the stores it opened, and nothing of the GraphQL API, which
/// only <c>serve</c> composes (through <c>ApiHost</c>).
/// </summary>
internal static class CliServices
{
    /// <summary>API keys and the audit trail of the store file (<c>keys</c>, <c>audit</c>).</summary>
    public static ServiceProvider Build(string storePath) =>
        Caller(new ServiceCollection()
            .AddLogging()
            .AddAttributionApplication()
            .AddSqliteStore(o => o.Path = storePath)
            .AddSqliteInvestigationStores())
        .BuildServiceProvider();

    /// <summary>
    /// The application layer over a store that is already open (SQLite or Neo4j, or a fake in tests), with the run
    /// store and Leiden for detection.
    /// </summary>
    public static ServiceProvider Build(IIngestStore store, IRunStore? runs = null)
    {
        var services = Caller(new ServiceCollection()
            .AddAttributionApplication()
            .AddSingleton(store)
            .AddAttributionIngestFiles()
            .AddSingleton(LeidenClustering.Step)
            .AddSingleton(TimeProvider.System));
        if (runs is not null)
        {
            services.AddSingleton(runs);
        }

        if (store is IGraphStore graph)
        {
            services.AddSingleton(graph).AddSingleton<ISnapshotSource>(graph);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>The application layer over the run store alone, for verbs that only read runs (export-clusters, evaluate).</summary>
    public static ServiceProvider BuildForRuns(IRunStore runs) =>
        Caller(new ServiceCollection().AddAttributionApplication().AddSingleton(runs)).BuildServiceProvider();

    /// <summary>
    /// The pack verbs: the application pipeline, the store and the pack writer. With <paramref name="neo4j"/>, the cited
    /// source records are read from Neo4j (where the run's row ids come from). The command line acts as the local admin
    /// (whoever can read the store file) unless <paramref name="caller"/> says otherwise; the custody log records it.
    /// </summary>
    public static ServiceProvider BuildForPacks(string storePath, IRunStore? runs, Action<EvidencePackOptions>? configure, Neo4jGraphStore? neo4j = null, ICaller? caller = null)
    {
        var services = new ServiceCollection()
            .AddAttributionApplication()
            .AddSqliteStore(o => o.Path = storePath)
            .AddAttributionEvidencePacks(o =>
            {
                // The key sits next to the store unless the verb names another.
                o.KeyPath = storePath + ".pack-key.pem";
                configure?.Invoke(o);
            })
            .AddSqlitePackSources()
            .AddSingleton<ICaller>(caller ?? FixedCaller.CommandLine);
        if (runs is not null)
        {
            services.AddSingleton(runs);
        }

        if (neo4j is not null)
        {
            services.AddNeo4jGraphStore(neo4j);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>
    /// <c>watch</c> and <c>replay</c>: the store, detection over a sliding window of it, the run and alert stores and
    /// the alert sinks, around the batch processor.
    /// </summary>
    public static ServiceProvider BuildForLive(IGraphStore graph, IRunStore runs, IAlertStore alerts, WindowedSnapshotSource windowed, IEnumerable<IAlertSink> sinks, LiveOptions options) =>
        Caller(new ServiceCollection()
            .AddAttributionApplication()
            .AddSingleton<IIngestStore>(graph)
            .AddSingleton(graph)
            .AddSingleton<ISnapshotSource>(windowed)
            .AddSingleton(windowed)
            .AddSingleton(runs)
            .AddSingleton(alerts)
            .AddSingleton(LeidenClustering.Step)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(sinks)
            .AddSingleton(options)
            .AddAttributionIngestFiles()
            .AddSingleton<LiveBatchProcessor>())
        .BuildServiceProvider();

    private static IServiceCollection Caller(IServiceCollection services) => services.AddSingleton<ICaller>(FixedCaller.CommandLine);
}
