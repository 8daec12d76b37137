using Distill.Attribution.Api;
using Distill.Attribution.Api.Hosting;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// The services the <c>keys</c> and <c>audit</c> verbs send their requests through: the same dispatcher and stores as
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
}
