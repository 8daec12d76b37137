using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Infrastructure.Detection;
using Distill.Attribution.Infrastructure.Ingestion;
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
    /// <see cref="ClusteringStep"/> and the detection use cases, and the ingest files (<see cref="AddAttributionIngestFiles"/>). The stores open and migrate the file on first use.
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
        return services.AddAttributionIngestFiles();
    }

    /// <summary>
    /// Registers the file side of ingest, which the application reaches only through its ports: <see cref="IInputFileSystem"/>
    /// (discovery and reading of local files) and <see cref="IRejectsReportFactory"/> (the JSON Lines rejects report), unless
    /// already registered. For a host that brings its own store instead of calling <see cref="AddAttributionInfrastructure"/>.
    /// </summary>
    public static IServiceCollection AddAttributionIngestFiles(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IInputFileSystem, LocalInputFiles>();
        services.TryAddSingleton<IRejectsReportFactory, JsonLinesRejectsReports>();
        return services;
    }
}
