using System.CommandLine;
using System.Data.Common;
using Distill.Attribution.Cli.Verbs;

namespace Distill.Attribution.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("Distill.Attribution: finds coordinated clusters of abusive API accounts and attributes them to a suspected operator.");
        // Verbs that use a store declare it (VerbStores); these copies keep `distill --store FILE VERB` working.
        root.Options.Add(GlobalOptions.RootStore);
        root.Options.Add(GlobalOptions.RootNeo4j);
        // One line per verb; each verb lives in Verbs/<Name>Verb.cs.
        root.Subcommands.Add(StatsVerb.Create());
        root.Subcommands.Add(IngestVerb.Create());
        root.Subcommands.Add(GenerateVerb.Create());
        root.Subcommands.Add(BenchVerb.Create());
        root.Subcommands.Add(DetectVerb.Create());
        root.Subcommands.Add(ExportClustersVerb.Create());
        root.Subcommands.Add(EvaluateVerb.Create());
        root.Subcommands.Add(PackVerb.Create());
        root.Subcommands.Add(VerifyPackVerb.Create());
        root.Subcommands.Add(SigningKeyVerb.Create());
        root.Subcommands.Add(ServeVerb.Create());
        root.Subcommands.Add(KeysVerb.Create());
        root.Subcommands.Add(AuditVerb.Create());
        root.Subcommands.Add(WatchVerb.Create());
        root.Subcommands.Add(ReplayVerb.Create());
        // Off unless OTEL_EXPORTER_OTLP_ENDPOINT or DISTILL_OTEL_CONSOLE=1 is set (CliTelemetry).
        using var telemetry = CliTelemetry.StartFromEnvironment();

        // Exceptions are reported below rather than by System.CommandLine's handler (a stack trace and exit 1).
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        PlainOutput.Configure();
        var parse = root.Parse(args);
        if (await UsageErrors.WriteAsync(parse, Console.Error))
        {
            return ExitCodes.Usage;
        }

        // --priority (or DISTILL_PRIORITY) of the long-running verbs, before the verb starts its work and threads.
        if (!await PriorityOption.ApplyAsync(parse, Console.Error))
        {
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(config);
        }
        catch (Exception e) when (e is IOException or DbException)
        {
            // A full disk or an unwritable store is an operating condition, not a bug: one line, exit 2 (fatal).
            await Console.Error.WriteLineAsync($"error: {ConsoleText.Safe(e.Message)}");
            return ExitCodes.Usage;
        }
#pragma warning disable CA1031 // The last resort of the process: report like System.CommandLine's default handler did.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"Unhandled exception: {e}");
            return ExitCodes.Rejected;
        }
    }
}
