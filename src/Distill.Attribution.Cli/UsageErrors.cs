using System.CommandLine;
using Distill.Attribution.Cli.Verbs;

namespace Distill.Attribution.Cli;

/// <summary>
/// Prints what is wrong with a command line (exit 2): System.CommandLine's parse errors, each unknown verb or
/// option with the nearest name the command takes ("did you mean `--resolution`?"), or why an option does not apply
/// to the verb; then the store check of <see cref="VerbStores.Check"/>.
/// </summary>
internal static class UsageErrors
{
    /// <summary>Writes the problems of <paramref name="parse"/> to <paramref name="error"/>; false when there are none.</summary>
    public static async Task<bool> WriteAsync(ParseResult parse, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(error);
        if (parse.Errors.Count == 0)
        {
            if (VerbStores.Check(parse) is { } problem)
            {
                await error.WriteLineAsync($"error: {problem}");
                return true;
            }

            return false;
        }

        var unmatched = parse.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        foreach (var e in parse.Errors)
        {
            var token = unmatched.FirstOrDefault(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal));
            var hint = token is null ? null : Hint(parse, token);
            await error.WriteLineAsync(ConsoleText.Safe(hint is null ? e.Message : $"{e.Message} {hint}"));
        }

        return true;
    }

    /// <summary>"(did you mean `x`?)" for a near name the command takes, or why a known option does not apply here; null when nothing is near.</summary>
    internal static string? Hint(ParseResult parse, string token)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(token);
        var command = parse.CommandResult.Command;
        var name = token.Split('=', 2)[0];
        var isOption = name.StartsWith('-');
        var candidates = isOption ? OptionNames(command) : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        if (isOption && !candidates.Contains(name, StringComparer.Ordinal) && name is "--store" or "--neo4j")
        {
            return $"({name} does not apply to `{VerbStores.VerbName(parse)}`)";
        }

        var best = candidates
            .Select(c => (Name: c, Distance: Distance(name, c)))
            .Where(c => c.Distance <= Math.Max(1, Math.Min(3, c.Name.TrimStart('-').Length / 3)) || (name.Length >= 4 && c.Name.StartsWith(name, StringComparison.Ordinal)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
        return best is null ? null : $"(did you mean `{best}`?)";
    }

    private static List<string> OptionNames(Command command)
    {
        var names = new List<string>();
        foreach (var option in command.Options.Where(o => !o.Hidden))
        {
            names.Add(option.Name);
            names.AddRange(option.Aliases);
        }

        return names;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent swaps: "--reslotuion" is two edits away).</summary>
    internal static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
