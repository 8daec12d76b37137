using Distill.Attribution.Application;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Cli.Verbs;
using Distill.Attribution.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli.Tests.Verbs;

/// <summary>
/// The ingest verb over a fake store: what <c>CliServices</c> composes for <c>ingest</c> (the application, the ingest files,
/// the command line as caller), with the fake in place of the stores the root would register.
/// </summary>
internal static class FakeStoreServices
{
    public static async Task<int> IngestAsync(IngestFilesCommand command, IIngestStore store, CancellationToken ct)
    {
        await using var services = new ServiceCollection()
            .AddAttributionApplication()
            .AddSingleton(store)
            .AddAttributionIngestFiles()
            .AddSingleton<ICaller>(FixedCaller.CommandLine)
            .BuildServiceProvider();
        return await IngestVerb.IngestAsync(command, services, ct);
    }
}
