using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Distill.Attribution.Graph.Community;
using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Cli.Verbs;

/// <summary><c>distill bench leiden</c>: runs Leiden alone on an edge list and prints one JSON line.</summary>
internal static class BenchVerb
{
    internal static Command Create()
    {
        var bench = new Command("bench", "Benchmarks of single algorithms");
        bench.Subcommands.Add(CreateLeiden());
        return bench;
    }

    private static Command CreateLeiden()
    {
        var edges = new Option<FileInfo>("--edges") { Description = "Edge list: 'u v w' per line, 0-based node ids", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 42 };
        var membership = new Option<FileInfo?>("--membership") { Description = "Write each node's community id, one line per node in id order" };
        var quality = new Option<string>("--quality") { Description = "modularity or cpm", DefaultValueFactory = _ => "modularity" };
        quality.AcceptOnlyFromAmong("modularity", "cpm");
        var resolution = new Option<double>("--resolution") { Description = "Resolution γ", DefaultValueFactory = _ => 1.0 };
        var iterations = new Option<int>("--iterations") { Description = "Leiden iterations; negative = until stable", DefaultValueFactory = _ => 2 };
        var threads = new Option<int>("--threads") { Description = "Threads for the refinement phase (result is identical for any count)", DefaultValueFactory = _ => 1 };
        var command = new Command("leiden", "Run Leiden on an edge list; prints {seconds, modularity, communities}");
        command.Options.Add(edges);
        command.Options.Add(seed);
        command.Options.Add(membership);
        command.Options.Add(quality);
        command.Options.Add(resolution);
        command.Options.Add(iterations);
        command.Options.Add(threads);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var file = r.GetValue(edges)!;
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"No such file: {file.FullName}");
                return ExitCodes.Usage;
            }

            CsrGraph graph;
            try
            {
                await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                graph = EdgeListReader.Read(stream);
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync($"{file.Name}: {e.Message}");
                return ExitCodes.Rejected;
            }

            var options = new LeidenOptions
            {
                Quality = r.GetValue(quality) == "cpm" ? LeidenQuality.Cpm : LeidenQuality.Modularity,
                Resolution = r.GetValue(resolution),
                Seed = r.GetValue(seed),
                MaxIterations = r.GetValue(iterations),
                Threads = r.GetValue(threads),
            };
            // CPU time too: on a shared machine wall time depends on the neighbours' load.
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = Leiden.Run(graph, options, ct);
            var seconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            var modularity = Modularity.Compute(graph, result.Membership);
            var json = string.Create(
                CultureInfo.InvariantCulture,
                $"{{\"seconds\":{seconds:0.###},\"cpu_seconds\":{cpuSeconds:0.###},\"modularity\":{Number(modularity)},\"communities\":{result.CommunityCount},\"quality\":{Number(result.Quality)},\"objective\":\"{(options.Quality == LeidenQuality.Cpm ? "cpm" : "modularity")}\",\"resolution\":{Number(options.Resolution)},\"iterations\":{result.Iterations},\"threads\":{options.Threads},\"nodes\":{graph.NodeCount},\"edges\":{(graph.Targets.Length + CountSelfLoops(graph)) / 2}}}");
            Console.Out.WriteLine(json);
            var output = r.GetValue(membership);
            if (output is not null)
            {
                await WriteMembershipAsync(output.FullName, result.Membership, ct);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "null";

    private static int CountSelfLoops(CsrGraph graph)
    {
        var loops = 0;
        for (var u = 0; u < graph.NodeCount; u++)
        {
            if (graph.Neighbors(u).BinarySearch(u) >= 0)
            {
                loops++;
            }
        }

        return loops;
    }

    private static async Task WriteMembershipAsync(string path, int[] membership, CancellationToken ct)
    {
        var text = new StringBuilder(membership.Length * 6);
        foreach (var id in membership)
        {
            text.Append(id).Append('\n');
        }

        await File.WriteAllTextAsync(path, text.ToString(), ct);
    }
}
