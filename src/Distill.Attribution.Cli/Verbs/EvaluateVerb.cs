using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Distill.Attribution.Application.Detection.EvaluateRun;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.EvidencePacks;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// <c>distill evaluate --truth FILE [--json] [--write-quality FILE]</c>: scores the latest run against ground truth
/// (account-level precision/recall/F1 of flagged, B-cubed, attribution accuracy, legitimate accounts
/// flagged/attributed by kind), and optionally writes the quality file the evidence packs quote.
/// </summary>
internal static class EvaluateVerb
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    internal static Command Create()
    {
        var truth = new Option<string>("--truth") { Description = "Ground-truth CSV (account_id,label,operator_id,kind), e.g. DIR/truth.csv from generate", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the scores as one JSON object" };
        var runId = new Option<string?>("--run") { Description = "Evaluate this run instead of the latest" };
        var writeQuality = new Option<string?>("--write-quality") { Description = "Also write the scores, the truth file's name and SHA-256 and the run's hashes as JSON for evidence packs (pack reads ./docs/quality.json by default)" };
        var command = new Command("evaluate", "Score the latest run against a ground-truth file (runs are kept in the --store file, also when the graph is in Neo4j; --neo4j is not needed)");
        command.Options.Add(truth);
        command.Options.Add(json);
        command.Options.Add(runId);
        command.Options.Add(writeQuality);
        command.UsesStore(StoreUse.Reads);
        var dataSource = new Option<string?>("--data-source") { Description = "With --write-quality: what the labelled data is, e.g. \"distill generate --seed 11 --scale 0.1\" (quoted by evidence packs)" };
        var heldOut = new Option<bool>("--held-out") { Description = "With --write-quality: the data was not used to tune the detector (without it, packs do not quote the scores as an error rate)" };
        var synthetic = new Option<bool>("--synthetic") { Description = "With --write-quality: the data is generated, not real labelled accounts (packs say so)" };
        command.Options.Add(dataSource);
        command.Options.Add(heldOut);
        command.Options.Add(synthetic);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            IReadOnlyList<TruthRow> rows;
            try
            {
                using var reader = new StreamReader(parse.GetValue(truth)!);
                rows = TruthFile.Parse(reader);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: cannot read the truth file: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (FormatException e)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Rejected;
            }

            EvaluateRunResult result;
            try
            {
                await using var services = CliServices.Build(StoreFactory.Settings(parse));
                result = await services.GetRequiredService<ISender>().Send(new EvaluateRunQuery(rows, parse.GetValue(runId)), ct);
            }
            catch (InvalidOperationException e)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Rejected;
            }

            if (parse.GetValue(writeQuality) is { Length: > 0 } qualityPath)
            {
                try
                {
                    await DetectorQualityFile.WriteAsync(qualityPath, result, parse.GetValue(truth)!, DateTimeOffset.UtcNow,
                        new DetectorQualityFile.DataDescription(parse.GetValue(dataSource), parse.GetValue(heldOut), parse.GetValue(synthetic) ? true : null), ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"error: cannot write the quality file: {e.Message}");
                    return ExitCodes.Usage;
                }

                // On stderr, so that --json stays one JSON object on stdout.
                await error.WriteLineAsync($"wrote the detector's measured quality to {qualityPath}");
            }

            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(result, JsonOptions));
            }
            else
            {
                Print(result);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(EvaluateRunResult r)
    {
        static string F(double x) => x.ToString("F4", CultureInfo.InvariantCulture);
        var scores = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        scores.AddRow("run", r.RunId);
        scores.AddRow("precision (flagged)", F(r.Precision));
        scores.AddRow("recall (flagged)", F(r.Recall));
        scores.AddRow("F1 (flagged)", F(r.F1));
        scores.AddRow("B-cubed precision", F(r.BCubedPrecision));
        scores.AddRow("B-cubed recall", F(r.BCubedRecall));
        scores.AddRow("attribution accuracy", F(r.AttributionAccuracy));
        scores.AddRow("fraud accounts", r.FraudAccounts.ToString("N0", CultureInfo.InvariantCulture));
        scores.AddRow("flagged accounts", r.FlaggedAccounts.ToString("N0", CultureInfo.InvariantCulture));
        scores.AddRow("legit flagged", r.LegitFlagged.ToString("N0", CultureInfo.InvariantCulture));
        scores.AddRow("legit attributed", r.LegitAttributed.ToString("N0", CultureInfo.InvariantCulture));
        AnsiConsole.Write(scores);
        var kinds = new Table().AddColumn("kind").AddColumn("label")
            .AddColumn(new TableColumn("accounts").RightAligned()).AddColumn(new TableColumn("flagged").RightAligned()).AddColumn(new TableColumn("attributed").RightAligned());
        foreach (var k in r.ByKind)
        {
            kinds.AddRow(
                Markup.Escape(k.Kind),
                k.IsFraud ? "fraud" : "legit",
                k.Accounts.ToString("N0", CultureInfo.InvariantCulture),
                k.IsFraud || k.Flagged == 0 ? k.Flagged.ToString("N0", CultureInfo.InvariantCulture) : $"[red]{k.Flagged:N0}[/]",
                k.IsFraud || k.Attributed == 0 ? k.Attributed.ToString("N0", CultureInfo.InvariantCulture) : $"[red]{k.Attributed:N0}[/]");
        }

        AnsiConsole.Write(kinds);
    }
}
