using Distill.Attribution.Application;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Live;
using Distill.Attribution.Embedding.Stores;
using Distill.Attribution.EvidencePacks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// The command line's one composition root (issue 16): every verb that sends requests gets its container here, with its
/// stores from the one root both hosts share (<see cref="AttributionStores.AddAttributionStores(IServiceCollection, StoreSettings, StoreParts)"/>,
/// decision D21) and the local operator (<see cref="FixedCaller.CommandLine"/>, admin) as the caller. Each verb asks only
/// for the parts it touches, and nothing of the GraphQL API, which only <c>serve</c> composes (through <c>ApiHost</c>).
/// </summary>
internal static class CliServices
{
    /// <summary>API keys and the audit trail of the store file (<c>keys</c>, <c>audit</c>).</summary>
    public static ServiceProvider Build(string storePath) =>
        Compose(StoreSettings.Sqlite(storePath), StoreParts.Investigation, s => s.AddLogging());

    /// <summary>
    /// The application layer over the graph store <paramref name="stores"/> names (SQLite or Neo4j), with the run store and
    /// Leiden for detection (<c>ingest</c>, <c>stats</c>, <c>detect</c>, and the run readers <c>export-clusters</c>,
    /// <c>evaluate</c>). Nothing is opened before <see cref="StoreFactory.OpenAsync"/> or the first request.
    /// </summary>
    public static ServiceProvider Build(StoreSettings stores) => Compose(stores, StoreParts.Graph);

    /// <summary>
    /// The pack verbs: the application pipeline, the stores with what a pack reads, and the pack writer. Under Neo4j the
    /// cited source records are read from Neo4j (where the run's row ids come from). The command line acts as the local
    /// admin (whoever can read the store file) unless <paramref name="caller"/> says otherwise; the custody log records it.
    /// </summary>
    public static ServiceProvider BuildForPacks(StoreSettings stores, Action<EvidencePackOptions>? configure, ICaller? caller = null) =>
        Compose(stores, StoreParts.PackSources, s => s
            .AddAttributionEvidencePacks(o =>
            {
                // The key sits next to the store unless the verb names another.
                o.KeyPath = stores.Path + ".pack-key.pem";
                configure?.Invoke(o);
            }),
            caller);

    /// <summary>
    /// <c>watch</c> and <c>replay</c>: the stores (with the alert store), detection over a sliding window of the graph, and
    /// the alert sinks, around the batch processor. The snapshot is kept across batches and brought up to date from what the
    /// store gained (decision D23) unless <paramref name="fullSnapshots"/>; <paramref name="checkSnapshots"/> checks each against a full read.
    /// </summary>
    public static ServiceProvider BuildForLive(
        StoreSettings stores, TimeSpan? window, IEnumerable<IAlertSink> sinks, LiveOptions options, bool fullSnapshots = false, bool checkSnapshots = false) =>
        Compose(stores, StoreParts.Investigation, s => s
            .AddSingleton(sp => new WindowedSnapshotSource(sp.GetRequiredService<IGraphStore>(), window, incremental: !fullSnapshots) { CheckDeltas = checkSnapshots })
            // Detection reads the window, not the whole graph: the one port a verb decorates after the root, and says so.
            .Replace(ServiceDescriptor.Singleton<ISnapshotSource>(sp => sp.GetRequiredService<WindowedSnapshotSource>()))
            .AddSingleton(sinks)
            .AddSingleton(options)
            .AddSingleton<LiveBatchProcessor>());

    /// <summary>The one place the command line builds a container: the application, the stores through the root, the caller.</summary>
    private static ServiceProvider Compose(StoreSettings stores, StoreParts parts, Action<IServiceCollection>? verb = null, ICaller? caller = null)
    {
        var services = new ServiceCollection()
            .AddAttributionApplication()
            .AddAttributionStores(stores, parts)
            .AddSingleton<ICaller>(caller ?? FixedCaller.CommandLine);
        verb?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
