using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Infrastructure.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Infrastructure;

/// <summary>Registers the infrastructure of a host: the graph store (SQLite for now; Neo4j later).</summary>
public static class DependencyInjection
{
    /// <summary>
    /// Registers <see cref="IGraphStore"/> as the embedded SQLite store configured by <paramref name="configure"/>
    /// (default path <c>./distill.db</c>). The store opens and migrates its file on first use.
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
        return services;
    }
}
