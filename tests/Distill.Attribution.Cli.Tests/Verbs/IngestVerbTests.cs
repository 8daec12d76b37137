using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Testing.Fakes;
using Spectre.Console;

namespace Distill.Attribution.Cli.Tests.Verbs;

[NonParallelizable] // swaps the process-wide console
public sealed class IngestVerbTests
{
    [Test]
    public async Task ShouldExitOneAndNeverPrintACardNumber()
    {
        var dir = Directory.CreateTempSubdirectory("distill-verb-");
        try
        {
            var payments = Path.Combine(dir.FullName, "payments.csv");
            await File.WriteAllTextAsync(payments, "account_id,instrument_fingerprint,first_seen,extra\na1,4111 1111 1111 1111,2026-01-01T00:00:00Z,x\na2,fp-2,2026-01-01T00:00:00Z,y\n");
            var rejects = Path.Combine(dir.FullName, "rejects.jsonl");
            var (code, output) = await Capture(() => FakeStoreServices.IngestAsync(new IngestFilesCommand([payments], false, rejects), new InMemoryIngestStore(), CancellationToken.None));

            Assert.That(code, Is.EqualTo(ExitCodes.Rejected));
            Assert.That(output, Does.Contain("payments").And.Contain("unknown column(s) ignored: extra").And.Contain("rejects.jsonl"));
            var everything = output + await File.ReadAllTextAsync(rejects);
            Assert.That(everything, Does.Not.Contain("4111").And.Not.Contain("1111"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public async Task ShouldExitZeroWhenEverythingIsAccepted()
    {
        var dir = Directory.CreateTempSubdirectory("distill-verb-");
        try
        {
            var releases = Path.Combine(dir.FullName, "releases.jsonl");
            await File.WriteAllTextAsync(releases, "{\"model\":\"m\",\"released_at\":\"2026-01-01T00:00:00Z\"}\n");
            var (code, output) = await Capture(() => FakeStoreServices.IngestAsync(new IngestFilesCommand([releases], false, Path.Combine(dir.FullName, "r.jsonl")), new InMemoryIngestStore(), CancellationToken.None));
            Assert.That(code, Is.EqualTo(ExitCodes.Success));
            Assert.That(output, Does.Contain("releases"));
        }
        finally
        {
            dir.Delete(recursive: true);
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
}
