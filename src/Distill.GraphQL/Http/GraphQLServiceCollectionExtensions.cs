using Distill.GraphQL.Execution;
using Distill.GraphQL.TypeSystem;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.GraphQL.Http;

/// <summary>Registers the schema, its executor and the endpoint options.</summary>
public static class GraphQLServiceCollectionExtensions
{
    public static IServiceCollection AddGraphQL(this IServiceCollection services, Schema schema, Action<GraphQLServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new GraphQLServerOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(schema);
        services.AddSingleton(new GraphQLExecutor(schema, options.Execution));
        return services;
    }

    /// <summary>Variant for schemas that need services to be built (resolvers capturing singletons).</summary>
    public static IServiceCollection AddGraphQL(this IServiceCollection services, Func<IServiceProvider, Schema> schemaFactory, Action<GraphQLServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new GraphQLServerOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(schemaFactory);
        services.AddSingleton(sp => new GraphQLExecutor(sp.GetRequiredService<Schema>(), options.Execution));
        return services;
    }
}
