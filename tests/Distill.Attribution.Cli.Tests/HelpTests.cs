using System.Text.RegularExpressions;

namespace Distill.Attribution.Cli.Tests;

/// <summary><c>--help</c> works on every command, found by walking the program's own help output.</summary>
public sealed partial class HelpTests
{
    [GeneratedRegex(@"^\s{2}([a-z][a-z-]*)(\s|$)")]
    private static partial Regex CommandLine();

    private static List<string> Subcommands(string help)
    {
        var names = new List<string>();
        var inCommands = false;
        foreach (var line in help.Split('\n'))
        {
            if (line.StartsWith("Commands:", StringComparison.Ordinal))
            {
                inCommands = true;
                continue;
            }

            if (inCommands && line.Trim().Length == 0)
            {
                break;
            }

            if (inCommands && CommandLine().Match(line) is { Success: true } match)
            {
                names.Add(match.Groups[1].Value);
            }
        }

        return names;
    }

    [Test]
    public async Task ShouldPrintHelpForEveryCommand()
    {
        var pending = new Queue<string[]>([[]]);
        var visited = new List<string>();
        while (pending.Count > 0)
        {
            var path = pending.Dequeue();
            var help = await DistillProcess.RunAsync([.. path, "--help"]);
            Assert.That(help.ExitCode, Is.Zero, $"{string.Join(' ', path)} --help: {help}");
            Assert.That(help.Output, Does.Contain("Usage:"), string.Join(' ', path));
            // --store is offered where a store is used, and only there (a group such as `keys` lists it on its verbs).
            var usesNoStore = path.Length > 0 && path[0] is "generate" or "bench" or "verify-pack";
            if (path.Length == 0 || Subcommands(help.Output).Count == 0)
            {
                Assert.That(help.Output.Contains("--store", StringComparison.Ordinal), Is.EqualTo(!usesNoStore), string.Join(' ', path));
            }

            visited.Add(string.Join(' ', path));
            foreach (var sub in Subcommands(help.Output))
            {
                pending.Enqueue([.. path, sub]);
            }
        }

        Assert.That(visited, Is.SupersetOf(new[] { "", "ingest", "generate", "stats", "detect", "export-clusters", "evaluate", "bench", "bench leiden" }));
    }
}
