using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Infrastructure.Readiness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// Puts the graph of a host on Neo4j: what reads or writes account data (ingest, the detection snapshot and
/// request-id look-ups, the API's account read model, the evidence pack's source records) goes to
/// the Neo4j store, and every saved run is also written back into the graph. The service's own records
/// (runs, API keys, audit trail, cases) stay in the SQLite file registered by <c>AddSqliteStore</c>.
/// </summary>
public static class Neo4jServices
{
    /// <summary>
    /// Call after the SQLite registrations (<c>AddSqliteStore</c>, and <c>AddAttributionGraphQL</c> or
    /// <c>AddSqlitePackSources</c> when used): it replaces their graph-side services and decorates the
    /// registered <see cref="IRunStore"/>. The caller owns <paramref name="store"/> and disposes it after the host.
    /// </summary>
    public static IServiceCollection AddNeo4jGraphStore(this IServiceCollection services, Neo4jGraphStore store)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        Replace<IGraphStore>(services, store);
        Replace<IIngestStore>(services, store);
        Replace<ISnapshotSource>(services, store);
        Replace<IAccountReadModel>(services, store.Accounts);
        Replace<ISourceRecordReader>(services, store.Sources);
        // Not done on Neo4j: a pack's full-traffic summary (the report says it was not read).
        Replace<IClusterActivityReader>(services, UnavailableClusterActivityReader.Instance);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck>(new Neo4jReadinessCheck(store)));

        var runs = services.LastOrDefault(d => d.ServiceType == typeof(IRunStore))
            ?? throw new InvalidOperationException("Register the run store (AddSqliteStore) before AddNeo4jGraphStore.");
        services.RemoveAll<IRunStore>();
        services.AddSingleton<IRunStore>(sp => new Neo4jWriteBackRunStore(Resolve(sp, runs), store.Runs));
        return services;
    }

    private static void Replace<T>(IServiceCollection services, T instance)
        where T : class
    {
        services.RemoveAll<T>();
        services.AddSingleton(instance);
    }

    private static IRunStore Resolve(IServiceProvider sp, ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationInstance: IRunStore instance } => instance,
        { ImplementationFactory: { } factory } => (IRunStore)factory(sp),
        { ImplementationType: { } type } => (IRunStore)ActivatorUtilities.CreateInstance(sp, type),
        _ => throw new InvalidOperationException("The registered run store cannot be resolved for decoration."),
    };
}
