using System.CommandLine;

namespace Distill.Attribution.Cli.Verbs;

/// <summary>
/// <c>--priority normal|background</c> on the long-running verbs that write or compute (<c>ingest</c>, <c>detect</c>,
/// <c>watch</c>, <c>replay</c>), else <c>DISTILL_PRIORITY</c> (for a cron job), else normal. Applied once in
/// <see cref="Program"/>, after the usage checks and before the verb runs, so that the verb's work and every thread it
/// starts run at that priority.
/// </summary>
internal static class PriorityOption
{
    public const string EnvironmentVariable = "DISTILL_PRIORITY";

    public static readonly Option<string?> Priority = CreateOption();

    /// <summary>Adds <c>--priority</c> to a verb.</summary>
    public static Command UsesPriority(this Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Priority);
        return command;
    }

    /// <summary>Parses a priority name (exact, lower case); false for anything else.</summary>
    public static bool TryParse(string? text, out PriorityLevel level)
    {
        (var ok, level) = text switch
        {
            "normal" => (true, PriorityLevel.Normal),
            "background" => (true, PriorityLevel.Background),
            _ => (false, PriorityLevel.Normal),
        };
        return ok;
    }

    /// <summary>
    /// The priority the command line asks for: the option, else the environment variable, else normal; null with
    /// <paramref name="error"/> set when the environment variable holds something else (the option is checked by
    /// its validator, a parse error). A verb without the option is always normal: the variable is not read.
    /// </summary>
    public static PriorityLevel? Resolve(ParseResult parse, Func<string, string?> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(environment);
        error = null;
        var command = parse.CommandResult.Command;
        if (!command.Options.Contains(Priority) || command.Action is null || !ReferenceEquals(parse.Action, command.Action))
        {
            // A verb without the option, or --help: nothing runs long enough to matter.
            return PriorityLevel.Normal;
        }

        if (parse.GetValue(Priority) is { } given)
        {
            return TryParse(given, out var level) ? level : null;
        }

        var fromEnvironment = environment(EnvironmentVariable);
        if (string.IsNullOrEmpty(fromEnvironment))
        {
            return PriorityLevel.Normal;
        }

        if (TryParse(fromEnvironment, out var set))
        {
            return set;
        }

        error = $"{EnvironmentVariable}={ConsoleText.Safe(fromEnvironment)}: not a priority (normal or background)";
        return null;
    }

    /// <summary>Resolves and applies the priority; false (after writing the error) when it is not a valid one.</summary>
    public static async Task<bool> ApplyAsync(ParseResult parse, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        switch (Resolve(parse, Environment.GetEnvironmentVariable, out var problem))
        {
            case null:
                await error.WriteLineAsync($"error: {problem}");
                return false;
            case PriorityLevel.Background:
                // One line on stderr (stdout stays the verb's): a cron log shows what the job ran at.
                await error.WriteLineAsync(ProcessPriority.LowerToBackground());
                return true;
            default:
                return true;
        }
    }

    private static Option<string?> CreateOption()
    {
        var option = new Option<string?>("--priority")
        {
            Description = $"normal (default) or background: take only CPU and disk time nothing else wants, so a server on the same machine keeps its latency (Linux: SCHED_IDLE and the idle I/O class; elsewhere the Idle priority class). Default from {EnvironmentVariable}",
            HelpName = "normal|background",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (!TryParse(value, out _))
            {
                result.AddError($"--priority: '{ConsoleText.Safe(value ?? "")}' is not a priority (normal or background)");
            }
        });
        return option;
    }
}
