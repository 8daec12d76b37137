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
/// Hosts do not call this themselves: the composition root (<c>AddAttributionStores</c> in
/// Distill.Attribution.Embedding, decision D21) calls it after the SQLite registrations.
/// </summary>
public static class Neo4jServices
{
    /// <summary>
    /// Call after the SQLite registrations (<c>AddSqliteStore</c>, and <c>AddSqliteInvestigationStores</c> or
    /// <c>AddSqlitePackSources</c> when used): it replaces their graph-side services and decorates the
    /// registered <see cref="IRunStore"/>. The caller owns <paramref name="store"/> and disposes it after the host.
    /// </summary>
    public static IServiceCollection AddNeo4jGraphStore(this IServiceCollection services, Neo4jGraphStore store)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        return AddGraphSide(services, ServiceDescriptor.Singleton(store));
    }

    /// <summary>
    /// As <see cref="AddNeo4jGraphStore(IServiceCollection, Neo4jGraphStore)"/>, with a store on <paramref name="options"/>
    /// that the container creates on first use (no request is sent before) and disposes with itself.
    /// </summary>
    public static IServiceCollection AddNeo4jGraphStore(this IServiceCollection services, Neo4jOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        return AddGraphSide(services, ServiceDescriptor.Singleton(_ => Neo4jGraphStore.Create(options)));
    }

    private static IServiceCollection AddGraphSide(IServiceCollection services, ServiceDescriptor store)
    {
        var runs = services.LastOrDefault(d => d.ServiceType == typeof(IRunStore))
            ?? throw new InvalidOperationException("Register the run store (AddSqliteStore) before AddNeo4jGraphStore.");
        services.RemoveAll<Neo4jGraphStore>();
        services.Add(store);
        if (store.ImplementationInstance is Neo4jGraphStore instance)
        {
            // The caller's store: registered as instances, so the container never disposes it.
            Replace<IGraphStore>(services, instance);
            Replace<IIngestStore>(services, instance);
            Replace<ISnapshotSource>(services, instance);
            Replace<IAccountReadModel>(services, instance.Accounts);
            Replace<ISourceRecordReader>(services, instance.Sources);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck>(new Neo4jReadinessCheck(instance)));
        }
        else
        {
            // The container's store: created once (the Neo4jGraphStore registration) and disposed with the container.
            Replace<IGraphStore>(services, sp => sp.GetRequiredService<Neo4jGraphStore>());
            Replace<IIngestStore>(services, sp => sp.GetRequiredService<Neo4jGraphStore>());
            Replace<ISnapshotSource>(services, sp => sp.GetRequiredService<Neo4jGraphStore>());
            Replace<IAccountReadModel>(services, sp => sp.GetRequiredService<Neo4jGraphStore>().Accounts);
            Replace<ISourceRecordReader>(services, sp => sp.GetRequiredService<Neo4jGraphStore>().Sources);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, Neo4jReadinessCheck>(sp => new Neo4jReadinessCheck(sp.GetRequiredService<Neo4jGraphStore>())));
        }

        // Not done on Neo4j: a pack's full-traffic summary (the report says it was not read).
        Replace<IClusterActivityReader>(services, UnavailableClusterActivityReader.Instance);
        services.RemoveAll<IRunStore>();
        services.AddSingleton<IRunStore>(sp => new Neo4jWriteBackRunStore(Resolve(sp, runs), sp.GetRequiredService<Neo4jGraphStore>().Runs));
        return services;
    }

    private static void Replace<T>(IServiceCollection services, T instance)
        where T : class
    {
        services.RemoveAll<T>();
        services.AddSingleton(instance);
    }

    private static void Replace<T>(IServiceCollection services, Func<IServiceProvider, T> factory)
        where T : class
    {
        services.RemoveAll<T>();
        services.AddSingleton(factory);
    }

    private static IRunStore Resolve(IServiceProvider sp, ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationInstance: IRunStore instance } => instance,
        { ImplementationFactory: { } factory } => (IRunStore)factory(sp),
        { ImplementationType: { } type } => (IRunStore)ActivatorUtilities.CreateInstance(sp, type),
        _ => throw new InvalidOperationException("The registered run store cannot be resolved for decoration."),
    };
}
