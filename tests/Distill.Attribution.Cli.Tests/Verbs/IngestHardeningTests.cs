using System.Diagnostics;
using System.Text;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Testing.Fakes;
using Spectre.Console;

namespace Distill.Attribution.Cli.Tests.Verbs;

/// <summary>Issue 17, items 17 and 18: terminal escapes in file names, and a full disk failing cleanly.</summary>
[NonParallelizable] // swaps the process-wide console
public sealed class IngestHardeningTests
{
    [Test]
    public async Task ShouldFailCleanlyWithExitTwoWhenTheStoreRunsOutOfSpace()
    {
        var dir = Directory.CreateTempSubdirectory("distill-verb-");
        try
        {
            var releases = Path.Combine(dir.FullName, "releases.csv");
            await File.WriteAllTextAsync(releases, "model,released_at\nm,2026-01-01T00:00:00Z\n");
            var store = new FullDiskStore();
            var (code, output) = await Capture(() => FakeStoreServices.IngestAsync(new IngestFilesCommand([releases], false, Path.Combine(dir.FullName, "r.jsonl")), store, CancellationToken.None));
            Assert.That(code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(output, Does.Contain("error: ingest stopped: No space left on device"));
            Assert.That(output, Does.Not.Contain("Unhandled").And.Not.Contain("   at "), "no stack trace");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public async Task ShouldNeutraliseTerminalEscapesInFileNames()
    {
        var dir = Directory.CreateTempSubdirectory("distill-verb-");
        try
        {
            var evil = Path.Combine(dir.FullName, "releases-\u001b]0;owned\u0007\u001b[2J.csv");
            await File.WriteAllTextAsync(evil, "model\nm\n"); // a missing column: the file's error names the file
            var (code, output) = await Capture(() => FakeStoreServices.IngestAsync(new IngestFilesCommand([evil], false, Path.Combine(dir.FullName, "r.jsonl")), new InMemoryIngestStore(), CancellationToken.None));
            Assert.That(code, Is.EqualTo(ExitCodes.Rejected));
            Assert.That(output, Does.Contain("releases-\\x1b]0;owned\\x07\\x1b[2J.csv"));
            Assert.That(output, Does.Not.Contain('\u001b').And.Not.Contain('\u0007'));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void ShouldWriteControlAndBidiCharactersAsVisibleEscapes()
    {
        Assert.That(ConsoleText.Safe("a\u001b[31mb\u202ec\u0085d\te"), Is.EqualTo("a\\x1b[31mb\\u202ec\\x85d\\x09e"));
        Assert.That(ConsoleText.Safe("plain / ünïcode"), Is.EqualTo("plain / ünïcode"));
    }

    /// <summary>A real full disk: a 2 MiB tmpfs holds the store (needs root and mount; ignored where that is not allowed).</summary>
    [Test]
    public async Task ShouldExitTwoOnARealFullDiskAndLeaveAConsistentStore()
    {
        var dir = Directory.CreateTempSubdirectory("distill-full-");
        var disk = Path.Combine(dir.FullName, "disk");
        Directory.CreateDirectory(disk);
        if (!await RunAsync("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk))
        {
            dir.Delete(recursive: true);
            Assert.Ignore("cannot mount a tmpfs here (needs root); the injected-failure test covers the code path");
        }

        try
        {
            var requests = new StringBuilder("request_id,account_id,ts,model,client\n");
            for (var i = 0; i < 60_000; i++)
            {
                requests.Append(CultureInvariant($"req-{i:D8},acct-{i % 500},2026-01-05T13:{i / 1000 % 60:D2}:{i % 60:D2}Z,model-x,client-{i % 97}\n"));
            }

            var input = Path.Combine(dir.FullName, "requests.csv");
            await File.WriteAllTextAsync(input, requests.ToString());
            var store = Path.Combine(disk, "store.db");
            var ingest = await DistillProcess.RunAsync("ingest", input, "--store", store, "--rejects", Path.Combine(dir.FullName, "rejects.jsonl"));
            Assert.That(ingest.ExitCode, Is.EqualTo(ExitCodes.Usage), ingest.ToString());
            Assert.That(ingest.Error, Does.Contain("error:"), ingest.ToString());
            Assert.That(ingest.Error + ingest.Output, Does.Not.Contain("Unhandled").And.Not.Contain("   at "), ingest.ToString());
            Assert.That(Directory.GetFiles(disk, "*.tmp"), Is.Empty);
            var stats = await DistillProcess.RunAsync("stats", "--store", store);
            Assert.That(stats.ExitCode, Is.EqualTo(ExitCodes.Success), $"the store still opens after the failure: {stats}");
        }
        finally
        {
            await RunAsync("umount", disk);
            dir.Delete(recursive: true);
        }
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static async Task<bool> RunAsync(string program, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            using var process = Process.Start(info)!;
            await process.WaitForExitAsync();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(int Code, string Output)> Capture(Func<Task<int>> run)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Console;
        var error = Console.Error;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        Console.SetError(writer);
        try
        {
            var code = await run();
            return (code, writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = console;
            Console.SetError(error);
        }
    }

    /// <summary>A store whose disk is full: every batch fails the way SQLite's file writes do.</summary>
    private sealed class FullDiskStore : IIngestStore
    {
        public Task MigrateAsync(CancellationToken ct) => Task.CompletedTask;

        public Task<int> WriteBatchAsync(IngestBatch batch, CancellationToken ct) => throw new IOException("No space left on device");

        public Task<StoreStats> GetStatsAsync(CancellationToken ct) => throw new NotSupportedException();
    }
}
