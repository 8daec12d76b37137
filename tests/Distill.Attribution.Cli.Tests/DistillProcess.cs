using System.Diagnostics;
using System.Text;

namespace Distill.Attribution.Cli.Tests;

/// <summary>Runs the real <c>distill</c> program (<c>dotnet distill.dll</c> from the build output) as a child process.</summary>
internal static class DistillProcess
{
    private static readonly Lazy<string> Dll = new(Locate);

    /// <summary>What a finished run printed and returned.</summary>
    internal sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
    }

    public static string DllPath => Dll.Value;

    /// <summary>Runs <c>distill</c> with <paramref name="args"/> to completion (or fails the test after <paramref name="timeout"/>).</summary>
    public static Task<Outcome> RunAsync(TimeSpan timeout, params string[] args) => RunAsync(timeout, environment: null, args);

    /// <summary>As <see cref="RunAsync(TimeSpan, string[])"/>, with environment variables set (a null value removes one).</summary>
    public static async Task<Outcome> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using var process = Start(environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"distill {string.Join(' ', args)} did not finish within {timeout}.");
        }

        return new Outcome(process.ExitCode, await output, await error);
    }

    public static Task<Outcome> RunAsync(params string[] args) => RunAsync(TimeSpan.FromMinutes(5), args);

    /// <summary>Starts <c>distill</c> without waiting; output is drained so the child never blocks on a full pipe.</summary>
    public static Process Start(params string[] args) => Start(environment: null, args);

    public static Process Start(IReadOnlyDictionary<string, string?>? environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // A fixed width keeps Spectre's tables from wrapping differently from one machine to another.
        info.Environment["COLUMNS"] = "200";
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
    }

    /// <summary>
    /// distill.dll beside the test assembly (the project reference copies it with its runtimeconfig), else the
    /// CLI project's own build output of the same configuration.
    /// </summary>
    private static string Locate()
    {
        var here = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(here, "distill.dll")) && File.Exists(Path.Combine(here, "distill.runtimeconfig.json")))
        {
            return Path.Combine(here, "distill.dll");
        }

        var configuration = new DirectoryInfo(here).Parent?.Name ?? "Debug";
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Distill.Attribution.Cli", "bin", configuration, "net10.0", "distill.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("distill.dll not found: build src/Distill.Attribution.Cli first.");
    }
}
