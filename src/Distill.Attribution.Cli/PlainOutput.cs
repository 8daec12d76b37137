using Spectre.Console;

namespace Distill.Attribution.Cli;

/// <summary>
/// How the CLI writes to standard output. A terminal gets colour and tables fitted to its width. Output that is
/// not a terminal (a pipe, a file, CI) gets no ANSI escape codes and no wrapping at 80 columns: every line whole, as
/// a script or a log reader wants it. <c>NO_COLOR</c> (https://no-color.org) turns colour off on a terminal too.
/// </summary>
internal static class PlainOutput
{
    /// <summary>Wide enough that no table or line is ever wrapped, small enough that nothing sized by it is large.</summary>
    private const int UnwrappedWidth = 1 << 16;

    public static void Configure()
    {
        var redirected = Console.IsOutputRedirected;
        var noColor = Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
        if (!redirected && !noColor)
        {
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (redirected)
        {
            console.Profile.Width = UnwrappedWidth;
        }

        AnsiConsole.Console = console;
    }
}
