using Distill.Attribution.Api.Access;
using Distill.Attribution.Api.Alerts;
using Distill.Attribution.Api.Audit;
using Distill.Attribution.Api.GraphiQL;
using Distill.Attribution.Api.Hosting;
using Distill.Attribution.Application;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Cases.RequestEvidencePack;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.EvidencePacks;
using Distill.GraphQL.Execution;
using Distill.GraphQL.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Distill.Attribution.Api;

/// <summary>Registers the investigator API: application, its stores, the schema, authentication and the audit observer.</summary>
public static class DependencyInjection
{
    /// <summary>
    /// Needs the stores registered first, with their investigation stores and pack sources
    /// (<c>AddAttributionStores(settings, StoreParts.Investigation | StoreParts.PackSources)</c>, as <see cref="ApiHost"/> does).
    /// </summary>
    public static IServiceCollection AddAttributionGraphQL(this IServiceCollection services, ApiHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new ApiHostOptions();
        services.AddAttributionApplication();
        services.TryAddSingleton<RunCache>();
        services.TryAddSingleton<ClusterGraphCache>();
        services.AddAttributionEvidencePacks(o => o.KeyPath = options.StorePath + ".pack-key.pem");
        services.AddSingleton(new EvidencePackRequestOptions(options.EvidencePackDirectory ?? options.StorePath + ".packs"));

        services.AddScoped<RequestCaller>();
        services.AddScoped<ICaller>(sp => sp.GetRequiredService<RequestCaller>());
        services.AddSingleton(options);
        services.AddSingleton<FailedAuthenticationLimiter>();
        services.AddScoped<IGraphQLHttpInterceptor, ApiKeyInterceptor>();
        services.AddScoped<IGraphQLHttpRefusalObserver, AuditRefusalObserver>();
        services.AddScoped<IGraphQLRequestObserver, AuditObserver>();
        // The alertRaised feed: one poller per server (started as a hosted service by ApiHost), shared by every subscriber.
        services.TryAddSingleton<AlertFeed>();
        services.AddGraphQL(ApiSchema.Build(), o =>
        {
            o.Execution.ErrorFilter = ErrorMapping.Map;
            o.BrowserPage = GraphiQLPage.Create(options.GraphiQLDirectory);
            o.Subscriptions.MaxStreams = options.MaxSubscriptions;
            o.Subscriptions.MaxStreamsPerCaller = options.MaxSubscriptionsPerKey;
            o.Subscriptions.KeepAliveInterval = options.SubscriptionKeepAlive;
            o.Subscriptions.MaxLifetime = options.SubscriptionMaxLifetime;
            // Streams are counted per API key (the interceptor has authenticated the request before any stream opens).
            o.Subscriptions.CallerKey = (http, _) => http.RequestServices.GetRequiredService<RequestCaller>().KeyId;
        });
        return services;
    }
}
