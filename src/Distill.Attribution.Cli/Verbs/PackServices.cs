using Distill.Attribution.Application;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Infrastructure;
using Distill.Attribution.Infrastructure.EvidencePacks;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>The services the pack verbs send their requests through: the application pipeline, the store and the pack writer.</summary>
internal static class PackServices
{
    public static ServiceProvider Build(string storePath, IRunStore? runs, Action<EvidencePackOptions>? configure) =>
        With(new ServiceCollection()
            .AddAttributionApplication()
            .AddAttributionInfrastructure(o => o.Path = storePath)
            .AddAttributionEvidencePacks(configure)
            // The command line acts as the local admin (whoever can read the store file); the custody log records it.
            .AddSingleton<ICaller>(FixedCaller.CommandLine), runs)
            .BuildServiceProvider();

    private static IServiceCollection With(IServiceCollection services, IRunStore? runs) =>
        runs is null ? services : services.AddSingleton(runs);
}
