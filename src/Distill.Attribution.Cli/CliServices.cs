using Distill.Attribution.Application;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli;

/// <summary>
/// The command line's composition root: the application layer (dispatcher, behaviours, handlers) over an
/// already opened store, with the local operator as the caller. Verbs send requests through it, the same
/// code path the API uses.
/// </summary>
internal static class CliServices
{
    public static ServiceProvider Build(IIngestStore store)
    {
        var services = new ServiceCollection()
            .AddAttributionApplication()
            .AddSingleton(store)
            // Whoever can run the CLI can read the store file: the local operator acts as admin.
            .AddSingleton<ICaller>(FixedCaller.CommandLine);
        if (store is IGraphStore graph)
        {
            services.AddSingleton(graph).AddSingleton<ISnapshotSource>(graph);
        }

        return services.BuildServiceProvider();
    }
}
