using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Distill.Attribution.Synthetic;
using Spectre.Console;

namespace Distill.Attribution.Cli.Verbs;

/// <summary><c>distill generate</c>: writes the synthetic data set with ground truth.</summary>
internal static class GenerateVerb
{
    internal static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Output directory (input/ and truth.csv are written inside)", Required = true };
        var scale = new Option<double>("--scale") { Description = "Size multiplier: 1 ≈ 24k fraudulent accounts and 16M campaign requests", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed; same seed and options give byte-identical files", DefaultValueFactory = _ => 42UL };
        var proxyPool = new Option<int?>("--proxy-pool-size") { Description = "Datacenter proxy IPs the pivot operator rotates through (default 240)" };
        var jitter = new Option<int>("--sync-jitter-ms") { Description = "± jitter of the synchronized operator's lockstep bursts, ms", DefaultValueFactory = _ => 1500 };
        var camouflage = new Option<double>("--camouflage-share") { Description = "Share of campaign requests that look ordinary (0–0.9)", DefaultValueFactory = _ => 0.2 };
        var teams = new Option<int?>("--shared-card-teams") { Description = "Legitimate office teams sharing a corporate card and office IP (default 70 × scale, at least 3)" };
        var variant = new Option<string?>("--variant") { Description = "Campaign structures: default (the reference world), " + string.Join(", ", VariantSelection.Names) + ", or per kind (hydra_reseller=poisson,sync_operator=random); see docs/generator.md" };
        var population = new Option<int?>("--population") { Description = "Ordinary (legit_background) accounts (default 14,000 × scale); up to millions" };
        var gzip = new Option<bool>("--gzip") { Description = "Write every input file gzip-compressed (.csv.gz; ingest reads them as they are)" };
        var threads = new Option<int>("--threads") { Description = "Worker threads (the output does not depend on it)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("generate", "Write a synthetic data set (DIR/input/) with ground truth (DIR/truth.csv)");
        foreach (var option in new Option[] { output, scale, seed, proxyPool, jitter, camouflage, teams, variant, population, gzip, threads })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            if (!VariantSelection.TryParse(r.GetValue(variant), out var selection, out var variantError))
            {
                await Console.Error.WriteLineAsync("generate: --variant: " + variantError);
                return ExitCodes.Usage;
            }

            var options = new SyntheticOptions
            {
                Scale = r.GetValue(scale),
                Seed = r.GetValue(seed),
                ProxyPoolSize = r.GetValue(proxyPool),
                SyncJitterMs = r.GetValue(jitter),
                CamouflageShare = r.GetValue(camouflage),
                SharedCardTeams = r.GetValue(teams),
                Threads = r.GetValue(threads),
                Variants = selection,
                Population = r.GetValue(population),
                Gzip = r.GetValue(gzip),
            };
            if (options.Scale <= 0 || options.CamouflageShare is < 0 or > 0.9 || options.SyncJitterMs < 0 || options.Threads < 1
                || options.ProxyPoolSize is < 1 || options.SharedCardTeams is < 1 || options.Population is < 1)
            {
                await Console.Error.WriteLineAsync("generate: --scale must be > 0, --camouflage-share in [0, 0.9], --sync-jitter-ms ≥ 0, counts ≥ 1");
                return ExitCodes.Usage;
            }

            if (r.GetResult(scale) is null || r.GetResult(scale)!.Implicit)
            {
                // Scale 1 is large: say so before spending a minute and 3 GB on it.
                Console.WriteLine("generate: no --scale given, so scale 1: about 24k campaign and 19k legitimate accounts, ~20M request rows, ~3.1 GB of CSV"
                    + (options.Gzip ? " (less gzip-compressed)" : "") + "; use --scale 0.05 for a quick set");
            }

            var dir = r.GetValue(output)!;
            var summary = Console.IsOutputRedirected
                ? await RunPlainAsync(dir, options, ct)
                : await RunWithProgressAsync(dir, options, ct);
            PrintSummary(summary);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<GenerationSummary> RunPlainAsync(string dir, SyntheticOptions options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var progress = new SynchronousProgress(p =>
        {
            if (clock.Elapsed - last >= TimeSpan.FromSeconds(2) || p.RowsWritten == p.TotalRows)
            {
                last = clock.Elapsed;
                var rate = p.RowsWritten / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"requests {p.RowsWritten:N0}/{p.TotalRows:N0} rows, {rate:N0} rows/s, {p.BytesWritten / 1e6:N0} MB"));
            }
        });
        return await SyntheticDataGenerator.GenerateAsync(dir, options, progress, ct);
    }

    private static async Task<GenerationSummary> RunWithProgressAsync(string dir, SyntheticOptions options, CancellationToken ct)
    {
        GenerationSummary? summary = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("planning + small files");
                var clock = Stopwatch.StartNew();
                var progress = new SynchronousProgress(p =>
                {
                    task.MaxValue = p.TotalRows;
                    task.Value = p.RowsWritten;
                    var rate = p.RowsWritten / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"requests {rate / 1e6:N2}M rows/s");
                });
                summary = await SyntheticDataGenerator.GenerateAsync(dir, options, progress, ct);
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    private static void PrintSummary(GenerationSummary summary)
    {
        var table = new Table().AddColumn("file").AddColumn(new TableColumn("rows").RightAligned());
        foreach (var (file, rows) in summary.RowsPerFile)
        {
            table.AddRow(file, rows.ToString("N0", CultureInfo.InvariantCulture));
        }

        var scenarios = new Table().AddColumn("scenario").AddColumn(new TableColumn("accounts").RightAligned()).AddColumn(new TableColumn("requests").RightAligned());
        foreach (var (kind, accounts) in summary.AccountsPerScenario)
        {
            scenarios.AddRow(ScenarioNames.Name(kind), accounts.ToString("N0", CultureInfo.InvariantCulture),
                summary.RequestsPerScenario[kind].ToString("N0", CultureInfo.InvariantCulture));
        }

        long requests = 0;
        foreach (var (file, rows) in summary.RowsPerFile)
        {
            if (file.StartsWith("requests", StringComparison.Ordinal))
            {
                requests += rows;
            }
        }

        if (Console.IsOutputRedirected)
        {
            foreach (var (file, rows) in summary.RowsPerFile)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}\t{rows}"));
            }

            foreach (var (kind, accounts) in summary.AccountsPerScenario)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ScenarioNames.Name(kind)}\t{accounts} accounts\t{summary.RequestsPerScenario[kind]} requests"));
            }
        }
        else
        {
            AnsiConsole.Write(table);
            AnsiConsole.Write(scenarios);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {summary.InputDirectory} and {summary.TruthPath}: {requests:N0} request rows, {summary.TotalBytes / 1e6:N0} MB in {summary.Elapsed.TotalSeconds:N1} s ({requests / Math.Max(summary.Elapsed.TotalSeconds, 1e-3):N0} rows/s overall)"));
    }

    /// <summary>Calls back on the reporting thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(Action<GenerationProgress> report) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => report(value);
    }
}
