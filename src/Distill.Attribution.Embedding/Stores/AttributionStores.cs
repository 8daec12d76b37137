using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Infrastructure.Readiness;
using Distill.Attribution.Neo4j;
using Distill.Attribution.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Embedding.Stores;

/// <summary>
/// The one composition root of the stores (decision D21): the API host, every command-line verb and
/// <see cref="DependencyInjection.AddDistillAttribution(IServiceCollection, Action{DistillAttributionOptions}?)"/> register
/// their stores here and nowhere else (an architecture test keeps the hosts off the stores' own registrations).
/// </summary>
public static class AttributionStores
{
    /// <summary>The ports a store answers; each is registered exactly once by the root, and never before it.</summary>
    private static readonly Type[] StorePorts =
    [
        typeof(IGraphStore), typeof(IIngestStore), typeof(ISnapshotSource), typeof(IRunStore),
        typeof(IAccessStore), typeof(ICaseStore), typeof(IAlertStore), typeof(IAccountReadModel), typeof(IClusterGraphReadModel),
        typeof(ISourceRecordReader), typeof(IClusterActivityReader), typeof(IVerdictTally),
    ];

    /// <summary>
    /// Registers the stores <paramref name="configuration"/> names (<see cref="StoreSettings.Read"/>: <c>Distill:Store:Kind</c>,
    /// <c>Distill:Store:Path</c>, <c>Distill:Neo4j:*</c>). Throws <see cref="StoreConfigurationException"/> naming the key at fault.
    /// </summary>
    public static IServiceCollection AddAttributionStores(this IServiceCollection services, IConfiguration configuration, StoreParts parts = StoreParts.Graph) =>
        services.AddAttributionStores(StoreSettings.Read(configuration), parts);

    /// <summary>
    /// Registers exactly one graph store, the one <paramref name="settings"/> names, with what <paramref name="parts"/> asks for:
    /// <list type="bullet">
    /// <item><c>sqlite</c>: the file at <see cref="StoreSettings.Path"/> holds everything.</item>
    /// <item><c>neo4j</c>: account data (ingest, detection snapshot, account read model, pack source records) is read from and
    /// written to Neo4j; runs, keys, audit trail, cases and alerts stay in the SQLite file, and every saved run is also written
    /// back into the graph.</item>
    /// </list>
    /// With <see cref="StoreParts.Investigation"/>, the readiness checks (<see cref="IReadinessCheck"/>) of exactly the stores in
    /// use: <c>sqlite</c>, and <c>neo4j</c> under Neo4j. The stores are created on first use and disposed with the container.
    /// Throws <see cref="InvalidOperationException"/> when a store port was registered before (a host registers none itself).
    /// </summary>
    public static IServiceCollection AddAttributionStores(this IServiceCollection services, StoreSettings settings, StoreParts parts = StoreParts.Graph)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        if (services.FirstOrDefault(d => StorePorts.Contains(d.ServiceType)) is { } earlier)
        {
            throw new InvalidOperationException(
                $"{earlier.ServiceType.Name} is already registered: register the stores once, through AddAttributionStores, and no store before it.");
        }

        // The SQLite file is always in use: it holds the runs (and keys, audit, cases) under both kinds.
        services.AddSqliteStore(o => o.Path = settings.Path);
        if (parts.HasFlag(StoreParts.Investigation))
        {
            services.AddSqliteInvestigationStores();
        }

        if (parts.HasFlag(StoreParts.PackSources))
        {
            services.AddSqlitePackSources();
        }

        switch (settings.Kind)
        {
            case StoreKind.Sqlite:
                break;
            case StoreKind.Neo4j:
                // Moves the graph-side ports registered just above onto Neo4j (each replaced, not shadowed) and decorates the
                // run store; here, in one place, so the outcome never depends on what a host registers in what order.
                services.AddNeo4jGraphStore(settings.Neo4j ?? throw new StoreConfigurationException(StoreSettings.Neo4jUriKey, "not set: the neo4j store needs the server's HTTP address"));
                break;
            default:
                throw new StoreConfigurationException(StoreSettings.KindKey, $"'{settings.Kind}' is not a store: expected sqlite or neo4j");
        }

        return services;
    }
}
