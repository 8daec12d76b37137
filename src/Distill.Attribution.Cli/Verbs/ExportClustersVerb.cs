using System.CommandLine;
using Distill.Attribution.Application.Detection.ExportClusters;
using Distill.Attribution.Application.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli.Verbs;

/// <summary><c>distill export-clusters --out FILE</c>: the latest run's clusters as the contract's JSON.</summary>
internal static class ExportClustersVerb
{
    internal static Command Create()
    {
        var output = new Option<string>("--out") { Description = "File to write the clusters JSON to", Required = true };
        var runId = new Option<string?>("--run") { Description = "Export this run instead of the latest (e.g. run-0002)" };
        var command = new Command("export-clusters", "Write the latest run's clusters as JSON (runs are kept in the --store file, also when the graph is in Neo4j; --neo4j is not needed)");
        command.Options.Add(output);
        command.Options.Add(runId);
        command.UsesStore(StoreUse.Reads);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var path = parse.GetValue(output)!;
            await using var services = CliServices.Build(StoreFactory.Settings(parse));
            var sender = services.GetRequiredService<ISender>();
            // Written next to the target and moved over it: a reader never sees half a file.
            var temporary = path + ".tmp";
            try
            {
                ExportClustersResult result;
                await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    result = await sender.Send(new ExportClustersQuery(file, parse.GetValue(runId)), ct);
                }

                File.Move(temporary, path, overwrite: true);
                parse.InvocationConfiguration.Output.WriteLine($"wrote {result.ClusterCount:N0} clusters of {result.RunId} to {path}");
                return ExitCodes.Success;
            }
            catch (InvalidOperationException e)
            {
                // No run yet (or no such run): the check failed, nothing was written.
                TryDelete(temporary);
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Rejected;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                TryDelete(temporary);
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the error that matters was already reported.
        }
    }
}
