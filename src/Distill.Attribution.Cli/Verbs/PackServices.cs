using Distill.Attribution.Application;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Infrastructure;
using Distill.Attribution.Infrastructure.EvidencePacks;
using Distill.Attribution.Infrastructure.Neo4j;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>The services the pack verbs send their requests through: the application pipeline, the store and the pack writer.</summary>
internal static class PackServices
{
    /// <summary>With <paramref name="neo4j"/>, the cited source records are read from Neo4j (where the run's row ids come from).</summary>
    public static ServiceProvider Build(string storePath, IRunStore? runs, Action<EvidencePackOptions>? configure, Neo4jGraphStore? neo4j = null, ICaller? caller = null) =>
        OnNeo4j(With(new ServiceCollection()
            .AddAttributionApplication()
            .AddAttributionInfrastructure(o => o.Path = storePath)
            .AddAttributionEvidencePacks(configure)
            // The command line acts as the local admin (whoever can read the store file); the custody log records it.
            .AddSingleton<ICaller>(caller ?? FixedCaller.CommandLine), runs), neo4j)
            .BuildServiceProvider();

    private static IServiceCollection With(IServiceCollection services, IRunStore? runs) =>
        runs is null ? services : services.AddSingleton(runs);

    private static IServiceCollection OnNeo4j(IServiceCollection services, Neo4jGraphStore? neo4j) =>
        neo4j is null ? services : services.AddNeo4jGraphStore(neo4j);
}
