using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Infrastructure;
using Distill.Attribution.Infrastructure.Detection;
using Distill.Attribution.Sqlite.Cases;
using Distill.Attribution.Sqlite.Runs;
using Distill.Attribution.Sqlite.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Distill.Attribution.Sqlite;

/// <summary>Registers the embedded SQLite store of a host: the graph store and the run store, and detection with Leiden.</summary>
public static class SqliteServices
{
    /// <summary>
    /// Registers <see cref="IGraphStore"/> as the embedded SQLite store configured by <paramref name="configure"/>
    /// (default path <c>./distill.db</c>), <see cref="IRunStore"/> on the same file, Leiden as the
    /// <see cref="ClusteringStep"/> and the detection use cases, and the ingest files (<see cref="DependencyInjection.AddAttributionIngestFiles"/>). The stores open and migrate the file on first use.
    /// </summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, Action<SqliteStoreOptions>? configure = null)
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
    /// Registers what an evidence pack reads from the store file (<c>AddAttributionEvidencePacks</c> registers the pack
    /// itself): the cited source records, the cluster's full traffic and the verdict tally. Needs
    /// <see cref="SqliteStoreOptions"/> registered (by <see cref="AddSqliteStore"/>).
    /// </summary>
    public static IServiceCollection AddSqlitePackSources(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ISourceRecordReader, SqliteSourceRecordReader>();
        services.AddSingleton<IClusterActivityReader, SqliteClusterActivityReader>();
        services.TryAddSingleton<SqliteDatabase>();
        services.AddSingleton<IVerdictTally, SqliteVerdictTally>();
        return services;
    }
}
