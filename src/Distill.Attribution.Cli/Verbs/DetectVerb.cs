using System.CommandLine;
using System.Globalization;
using Distill.Attribution.Application.Detection;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Neo4j;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// <c>distill detect</c>: project the graph, find clusters (Leiden), score and attribute them, and save a new
/// versioned run; prints a summary table of the top clusters.
/// </summary>
internal static class DetectVerb
{
    private const int EvidenceShown = 5;

    internal static Command Create()
    {
        var top = new Option<int>("--top") { Description = "How many clusters the summary table shows", DefaultValueFactory = _ => 20 };
        var quality = new Option<string?>("--quality") { Description = "Leiden quality function: cpm (default) or modularity; recorded in the run" };
        quality.AcceptOnlyFromAmong("cpm", "modularity");
        var resolution = new Option<double?>("--resolution") { Description = "Leiden resolution (default: the detection parameters' default for cpm, 1.0 for modularity); recorded in the run" };
        var seed = new Option<int?>("--seed") { Description = "Clustering seed (default 42); recorded in the run" };
        var command = new Command("detect", "Build the graph projection, find clusters, score and attribute them; a new versioned run (saved in the --store file; with --neo4j also written back into the graph)");
        command.Options.Add(top);
        command.Options.Add(quality);
        command.Options.Add(resolution);
        command.Options.Add(seed);
        command.UsesStore(StoreUse.ReadsUnlessNeo4j, neo4j: true);
        command.UsesPriority();
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var parameters = new DetectionParameters();
            if (parse.GetValue(quality) is { } q)
            {
                parameters = parameters with { ClusteringQuality = q, ClusteringResolution = q == "modularity" ? 1.0 : parameters.ClusteringResolution };
            }

            if (parse.GetValue(resolution) is { } r)
            {
                parameters = parameters with { ClusteringResolution = r };
            }

            if (parse.GetValue(seed) is { } s)
            {
                parameters = parameters with { ClusteringSeed = s };
            }

            // The one validator the runDetection mutation and the dispatcher apply, run here before the store is opened.
            var problems = DetectionParametersValidator.Instance.Validate(parameters).Errors;
            if (problems.Count > 0)
            {
                // Field-level, like the mutation's BAD_USER_INPUT: the option that set the parameter, and the table's message.
                foreach (var (name, message) in problems.Select(p => (p.PropertyName, p.ErrorMessage)))
                {
                    var option = name switch
                    {
                        nameof(DetectionParameters.ClusteringResolution) => resolution.Name,
                        nameof(DetectionParameters.ClusteringQuality) => quality.Name,
                        nameof(DetectionParameters.ClusteringSeed) => seed.Name,
                        _ => name,
                    };
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {option}: {message}");
                }

                return ExitCodes.Usage;
            }

            try
            {
                await using var services = CliServices.Build(StoreFactory.Settings(parse));
                await StoreFactory.OpenAsync(services, parse, ct);
                var sender = services.GetRequiredService<ISender>();
                var phases = new PhaseLog(Console.IsOutputRedirected ? parse.InvocationConfiguration.Error : null);
                var result = await WithProgressAsync(() => sender.Send(new DetectClustersCommand(parameters) { Progress = phases, CompactBetweenPhases = true }, ct));
                PrintSummary(result, Math.Max(0, parse.GetValue(top)), phases);
                return ExitCodes.Success;
            }
            catch (StoreUnavailableException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (Neo4jWriteBackException e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static async Task<DetectClustersResult> WithProgressAsync(Func<Task<DetectClustersResult>> detect)
    {
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await AnsiConsole.Status().Spinner(Spinner.Known.Dots)
                .StartAsync("detect: loading the snapshot, building evidence links, clustering, scoring ...", _ => detect());
        }

        await Console.Error.WriteLineAsync("detect: loading the snapshot, building evidence links, clustering, scoring ...");
        return await detect();
    }

    private static void PrintSummary(DetectClustersResult result, int top, PhaseLog phases)
    {
        var run = result.Run;
        var flagged = run.Clusters.Count(c => c.Flagged);
        var table = new Table()
            .AddColumn("cluster").AddColumn(new TableColumn("size").RightAligned()).AddColumn(new TableColumn("risk").RightAligned())
            .AddColumn("flagged").AddColumn("operator").AddColumn(new TableColumn("confidence").RightAligned()).AddColumn("lineage");
        // Flagged first, then by risk and size: the clusters an investigator looks at first.
        foreach (var c in run.Clusters.OrderByDescending(c => c.Flagged).ThenByDescending(c => c.RiskScore).ThenByDescending(c => c.Members.Count).Take(top))
        {
            table.AddRow(
                c.Id,
                c.Members.Count.ToString("N0", CultureInfo.InvariantCulture),
                c.RiskScore.ToString("F3", CultureInfo.InvariantCulture),
                c.Flagged ? "[red]yes[/]" : "no",
                Markup.Escape(c.Operator is { } op ? $"{op.OperatorId}{(op.OperatorName is null ? "" : $" ({op.OperatorName})")}" : "-"),
                c.Operator is { } o ? o.Confidence.ToString("F2", CultureInfo.InvariantCulture) : "-",
                c.Lineage.ToString().ToLowerInvariant());
        }

        AnsiConsole.Write(table);
        PrintEvidence(run.Clusters.Where(c => c.Flagged).OrderByDescending(c => c.RiskScore).ThenByDescending(c => c.Members.Count).Take(Math.Min(top, EvidenceShown)));
        var p = run.Parameters;
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run.RunId}: {EvidenceSummary.Plural(run.Clusters.Count, "cluster")}, {flagged:N0} flagged, {EvidenceSummary.Plural(run.Clusters.Where(c => c.Flagged).Sum(c => c.Members.Count), "flagged account")}; {result.Elapsed.TotalSeconds:F1} s"));
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"clustering: leiden {p.ClusteringQuality} resolution {p.ClusteringResolution} seed {p.ClusteringSeed}; input {Short(run.InputHash)}, parameters {Short(run.ParametersHash)}, membership {Short(run.MembershipHash)}"));
        // Every phase as it was told (snapshot and save included); the run's own list when none was (a store that reports none).
        var told = phases.Phases.Count > 0
            ? phases.Phases
            : run.Stats?.PhaseSeconds.Select(kv => (Phase: kv.Key, Elapsed: TimeSpan.FromSeconds(kv.Value))).ToList() ?? [];
        if (told.Count > 0)
        {
            AnsiConsole.WriteLine("phases: " + string.Join(", ", told.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Elapsed.TotalSeconds:F2} s"))));
        }
    }

    /// <summary>
    /// Collects each phase as detection ends it, in order, on the reporting thread (not posted to a
    /// synchronisation context like <see cref="Progress{T}"/>); when output is not a terminal it also writes one
    /// line per phase to standard error, so a long run shows where it is.
    /// </summary>
    private sealed class PhaseLog(TextWriter? live) : IProgress<DetectionProgress>
    {
        public List<(string Phase, TimeSpan Elapsed)> Phases { get; } = [];

        public void Report(DetectionProgress value)
        {
            lock (Phases)
            {
                Phases.Add((value.Phase, value.Elapsed));
            }

            live?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"detect: {value.Phase} {value.Elapsed.TotalSeconds:F2} s"));
        }
    }

    /// <summary>For the top flagged clusters: which rules tie the members together, which indicators name the operator, what speaks against it.</summary>
    private static void PrintEvidence(IEnumerable<DetectedCluster> clusters)
    {
        foreach (var c in clusters)
        {
            var links = EvidenceSummary.Links((c.Evidence?.Steps ?? []).SelectMany(s => s.Links).Select(l => l.Rule));
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(c.Id)}[/] evidence: {Markup.Escape(links)}");
            if (c.Operator is { } op)
            {
                AnsiConsole.MarkupLine("  " + Markup.Escape(ConsoleText.Safe(EvidenceSummary.Operator(op.OperatorId, op.IndependentKinds, op.Indicators))));
            }
            else
            {
                AnsiConsole.MarkupLine("  operator unknown: no indicator reaches this cluster");
            }

            foreach (var counter in c.CounterEvidence.Take(2))
            {
                AnsiConsole.MarkupLine($"  counter-evidence: {Markup.Escape(counter.Summary)}");
            }
        }
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
