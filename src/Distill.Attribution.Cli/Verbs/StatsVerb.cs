using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Distill.Attribution.Cli.Verbs;

/// <summary><c>distill stats [--json]</c>: counts of every record type and of runs and clusters.</summary>
internal static class StatsVerb
{
    internal static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the counts as one JSON object (the contract's stats JSON)" };
        var command = new Command("stats", "Counts of every record type and of runs/clusters in the store");
        command.Options.Add(json);
        command.UsesStore(StoreUse.ReadsUnlessNeo4j, neo4j: true);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            try
            {
                await using var services = CliServices.Build(StoreFactory.Settings(parse));
                var store = await StoreFactory.OpenAsync(services, parse, ct);
                var stats = await store.GetStatsAsync(ct);
                if (parse.GetValue(json))
                {
                    // The contract's keys, in its order.
                    var counts = new Dictionary<string, long>
                    {
                        ["accounts"] = stats.Accounts,
                        ["payments"] = stats.Payments,
                        ["sessions"] = stats.Sessions,
                        ["requests"] = stats.Requests,
                        ["releases"] = stats.Releases,
                        ["indicators"] = stats.Indicators,
                        ["runs"] = stats.Runs,
                        ["clusters"] = stats.Clusters,
                    };
                    parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(counts));
                    return ExitCodes.Success;
                }

                var table = new Table().AddColumn("records").AddColumn(new TableColumn("count").RightAligned());
                foreach (var (name, count) in new (string, long)[]
                {
                    ("accounts", stats.Accounts), ("payments", stats.Payments), ("sessions", stats.Sessions),
                    ("requests", stats.Requests), ("releases", stats.Releases), ("indicators", stats.Indicators),
                    ("runs", stats.Runs), ("clusters", stats.Clusters),
                })
                {
                    table.AddRow(name, count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
                }

                AnsiConsole.Write(table);
                return ExitCodes.Success;
            }
            catch (StoreUnavailableException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }
}
