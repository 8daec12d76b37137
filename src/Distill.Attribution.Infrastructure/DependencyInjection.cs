using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Infrastructure.Detection;
using Distill.Attribution.Infrastructure.Sqlite;
using Distill.Attribution.Infrastructure.Sqlite.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Distill.Attribution.Infrastructure;

/// <summary>Registers the infrastructure of a host: the graph store and the run store (SQLite), and detection with Leiden.</summary>
public static class DependencyInjection
{
    /// <summary>
    /// Registers <see cref="IGraphStore"/> as the embedded SQLite store configured by <paramref name="configure"/>
    /// (default path <c>./distill.db</c>), <see cref="IRunStore"/> on the same file, Leiden as the
    /// <see cref="ClusteringStep"/> and the detection use cases. The stores open and migrate the file on first use.
    /// </summary>
    public static IServiceCollection AddAttributionInfrastructure(this IServiceCollection services, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new SqliteStoreOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        // One store per process: it owns the single writing connection of the file.
        services.AddSingleton<SqliteGraphStore>();
        services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<SqliteGraphStore>());
        services.AddSingleton<IIngestStore>(sp => sp.GetRequiredService<SqliteGraphStore>());
        services.AddSingleton<ISnapshotSource>(sp => sp.GetRequiredService<SqliteGraphStore>());
        services.AddSingleton<IRunStore, SqliteRunStore>();
        // Detection's clustering step; the detection handlers themselves come with the application layer.
        services.AddSingleton(LeidenClustering.Step);
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
