using Distill.Attribution.Api.Access;
using Distill.Attribution.Api.Audit;
using Distill.Attribution.Api.GraphiQL;
using Distill.Attribution.Api.Hosting;
using Distill.Attribution.Application;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Graph.Community;
using Distill.Attribution.Infrastructure.Sqlite;
using Distill.GraphQL.Execution;
using Distill.GraphQL.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Distill.Attribution.Api;

/// <summary>Registers the investigator API: application, its stores, the schema, authentication and the audit observer.</summary>
public static class DependencyInjection
{
    /// <summary>Needs the infrastructure registered first (<c>AddAttributionInfrastructure</c>).</summary>
    public static IServiceCollection AddAttributionGraphQL(this IServiceCollection services, ApiHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new ApiHostOptions();
        services.AddAttributionApplication();
        services.AddSqliteInvestigationStores();
        // Until the SQLite run store is registered by the infrastructure, runs live in memory (see MemoryRunStore).
        services.TryAddSingleton<IRunStore, MemoryRunStore>();
        services.TryAddSingleton<RunCache>();
        services.TryAddSingleton(TimeProvider.System);
        // The same clustering step as detection's defaults: Leiden on the constant Potts model, seeded by the parameters.
        services.TryAddSingleton<ClusteringStep>(_ => static (graph, p) => Leiden.Run(graph, new LeidenOptions
        {
            Quality = LeidenQuality.Cpm,
            Resolution = p.ClusteringResolution,
            Seed = (ulong)p.ClusteringSeed,
        }).Membership);
        services.TryAddTransient<DetectClustersHandler>();

        services.AddScoped<RequestCaller>();
        services.AddScoped<ICaller>(sp => sp.GetRequiredService<RequestCaller>());
        services.AddScoped<IGraphQLHttpInterceptor, ApiKeyInterceptor>();
        services.AddScoped<IGraphQLRequestObserver, AuditObserver>();
        services.AddGraphQL(ApiSchema.Build(), o =>
        {
            o.Execution.ErrorFilter = ErrorMapping.Map;
            o.BrowserPage = GraphiQLPage.Create(options.GraphiQLDirectory);
        });
        return services;
    }
}
