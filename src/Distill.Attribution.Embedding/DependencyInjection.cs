using Distill.Attribution.Application;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Embedding.Stores;
using Distill.Attribution.Infrastructure.Detection;
using Distill.Attribution.Neo4j;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Distill.Attribution.Embedding;

/// <summary>Registers the embedded library: store, dispatcher, detection and the <see cref="IDistillAttribution"/> facade.</summary>
public static class DependencyInjection
{
    /// <summary>
    /// Registers everything a tool needs, with the store chosen by <paramref name="configure"/>: Neo4j when
    /// <see cref="DistillAttributionOptions.Neo4jUri"/> is set, else the SQLite file at
    /// <see cref="DistillAttributionOptions.StorePath"/>. The in-process caller has every right (like the command line).
    /// </summary>
    public static IServiceCollection AddDistillAttribution(this IServiceCollection services, Action<DistillAttributionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new DistillAttributionOptions();
        configure?.Invoke(options);
        ArgumentException.ThrowIfNullOrEmpty(options.StorePath);
        services.AddSingleton(options);
        // A tool that registered logging keeps it; otherwise log nowhere.
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(NullLogger<>)));
        services.AddAttributionApplication();
        // The stores through the one composition root (D21): the graph on Neo4j when a URI is set, runs in the SQLite file.
        services.AddAttributionStores(options.Neo4jUri is { } uri
            ? StoreSettings.OnNeo4j(
                new Neo4jOptions
                {
                    BaseUri = uri,
                    User = options.Neo4jUser,
                    Password = options.Neo4jPassword,
                    Database = options.Neo4jDatabase,
                },
                options.StorePath)
            : StoreSettings.Sqlite(options.StorePath));
        services.TryAddSingleton(LeidenClustering.Step);
        services.TryAddScoped<ICaller>(_ => Embedded);
        services.TryAddSingleton<IDistillAttribution, DistillAttribution>();
        return services;
    }

    /// <summary>
    /// As <see cref="AddDistillAttribution(IServiceCollection, Action{DistillAttributionOptions}?)"/>, reading the
    /// section <c>Distill</c> first. With <c>Distill:Store:Kind</c> set, the keys of the hosts' composition root
    /// (<see cref="StoreSettings.Read"/>: <c>Store:Kind</c>, <c>Store:Path</c>, <c>Neo4j:Uri</c>, <c>Neo4j:User</c>,
    /// <c>Neo4j:Password</c> or <c>Neo4j:PasswordFile</c>, <c>Neo4j:Database</c>); without it, the earlier keys:
    /// <c>Store</c> (SQLite path), <c>Neo4j:Uri</c> (Neo4j when set), <c>Neo4j:User</c>, <c>Neo4j:Password</c>,
    /// <c>Neo4j:Database</c>. <paramref name="configure"/> runs after and wins.
    /// </summary>
    public static IServiceCollection AddDistillAttribution(this IServiceCollection services, IConfiguration configuration, Action<DistillAttributionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DistillAttributionOptions.SectionName);
        if (configuration[StoreSettings.KindKey] is { Length: > 0 })
        {
            var stores = StoreSettings.Read(configuration);
            return services.AddDistillAttribution(options =>
            {
                options.StorePath = stores.Path;
                if (stores.Neo4j is { } neo4j)
                {
                    options.Neo4jUri = neo4j.BaseUri;
                    options.Neo4jUser = neo4j.User;
                    options.Neo4jPassword = neo4j.Password;
                    options.Neo4jDatabase = neo4j.Database;
                }

                configure?.Invoke(options);
            });
        }

        return services.AddDistillAttribution(options =>
        {
            if (section["Store"] is { Length: > 0 } path)
            {
                options.StorePath = path;
            }

            if (section["Neo4j:Uri"] is { Length: > 0 } uri)
            {
                options.Neo4jUri = new Uri(uri, UriKind.Absolute);
            }

            options.Neo4jUser = section["Neo4j:User"] ?? options.Neo4jUser;
            options.Neo4jPassword = section["Neo4j:Password"] ?? options.Neo4jPassword;
            if (section["Neo4j:Database"] is { Length: > 0 } database)
            {
                options.Neo4jDatabase = database;
            }

            configure?.Invoke(options);
        });
    }

    private static readonly FixedCaller Embedded = new("embedded", Role.Admin);
}
