using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Infrastructure.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Distill.Attribution.Infrastructure;

/// <summary>Registers the shared adapters of a host; the stores register themselves (<c>AddSqliteStore</c>, <c>AddNeo4jGraphStore</c>).</summary>
public static class DependencyInjection
{
    /// <summary>
    /// Registers the file side of ingest, which the application reaches only through its ports: <see cref="IInputFileSystem"/>
    /// (discovery and reading of local files) and <see cref="IRejectsReportFactory"/> (the JSON Lines rejects report), unless
    /// already registered. <c>AddSqliteStore</c> calls it; a host that brings its own store calls it itself.
    /// </summary>
    public static IServiceCollection AddAttributionIngestFiles(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IInputFileSystem, LocalInputFiles>();
        services.TryAddSingleton<IRejectsReportFactory, JsonLinesRejectsReports>();
        return services;
    }
}
