using System.Diagnostics;

namespace Distill.Attribution.Cli.Tests;

/// <summary><c>distill generate</c> ends on Ctrl+C (SIGINT) while it plans a large world, not when planning is done:
/// planning runs off the invoking thread, so the command line's termination handling (2 s) can end the process. Before,
/// the process ended only when planning was done (about 9 s after the signal here at scale 4; never at scale 5, when
/// planning did not end).</summary>
public sealed class GenerateInterruptTests
{
    [TestCase("INT", TestName = "ShouldEndSoonAfterSigintWhilePlanningALargeWorld")]
    [TestCase("TERM", TestName = "ShouldEndSoonAfterSigtermWhilePlanningALargeWorld")]
    public async Task ShouldEndSoonAfterASignalWhilePlanningALargeWorld(string signal)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("sends the signal with kill(1)");
        }

        if (signal == "INT" && SigintIgnored())
        {
            // POSIX: a non-interactive shell starts background jobs with SIGINT ignored, and the child inherits that (so
            // does distill, rightly). The SIGTERM case covers the same cancellation path there.
            Assert.Ignore("SIGINT is ignored in this process (started as a background job), so a child cannot receive it");
        }

        using var dir = new TempDirectory();
        // Scale 4 plans for about 7 s on two quiet cores, then writes for about half a minute: the signal comes while it
        // plans (or, on a slow machine, early in the writing; both honour it).
        using var process = DistillProcess.Start(null, ["generate", "--out", dir.File("gen"), "--scale", "4"]);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.That(process.HasExited, Is.False, "still planning three seconds in");
        using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var signalled = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"distill generate was still running 20 s after SIG{signal}");
        }

        Assert.That(signalled.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), $"{await output}\n{await error}");
        Assert.That(process.ExitCode, Is.Not.Zero, "an interrupted run does not report success");
    }

    /// <summary>Whether this process ignores SIGINT (bit 1 of SigIgn in /proc/self/status), as background jobs of a
    /// non-interactive shell do.</summary>
    private static bool SigintIgnored()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
    }
}
