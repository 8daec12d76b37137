using Distill.Attribution.Api;
using Distill.Attribution.Api.Hosting;
using Distill.Attribution.Application;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Infrastructure;
using Distill.Attribution.Infrastructure.Detection;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// The command line's composition root: the services verbs send their requests through: the same dispatcher and stores as
/// the API, with the local operator (<see cref="FixedCaller.CommandLine"/>, admin) as the caller.
/// </summary>
internal static class CliServices
{
    public static ServiceProvider Build(string storePath)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAttributionInfrastructure(o => o.Path = storePath);
        services.AddAttributionGraphQL(new ApiHostOptions { StorePath = storePath });
        services.AddScoped<ICaller>(_ => FixedCaller.CommandLine);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The application layer over a store that is already open (SQLite or Neo4j, or a fake in tests), with
    /// the run store and Leiden for detection.
    /// </summary>
    public static ServiceProvider Build(IIngestStore store, IRunStore? runs = null)
    {
        var services = new ServiceCollection()
            .AddAttributionApplication()
            .AddSingleton(store)
            .AddSingleton(LeidenClustering.Step)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ICaller>(FixedCaller.CommandLine);
        if (runs is not null)
        {
            services.AddSingleton(runs);
        }

        if (store is IGraphStore graph)
        {
            services.AddSingleton(graph).AddSingleton<ISnapshotSource>(graph);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>The application layer over the run store alone, for verbs that only read runs (export-clusters, evaluate).</summary>
    public static ServiceProvider BuildForRuns(IRunStore runs) =>
        new ServiceCollection()
            .AddAttributionApplication()
            .AddSingleton(runs)
            .AddSingleton<ICaller>(FixedCaller.CommandLine)
            .BuildServiceProvider();
}
