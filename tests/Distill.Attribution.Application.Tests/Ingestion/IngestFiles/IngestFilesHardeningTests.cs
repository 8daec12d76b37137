using Distill.Attribution.Application.Ingestion.IngestFiles;
using Distill.Attribution.Infrastructure.Ingestion;
using Distill.Attribution.Testing;
using Distill.Attribution.Testing.Fakes;

namespace Distill.Attribution.Application.Tests.Ingestion.IngestFiles;

/// <summary>Issue 17 through the whole use case: rejects path among the inputs, conflicting duplicates, secrets in reports.</summary>
public sealed class IngestFilesHardeningTests
{
    private const string RequestsHeader = "request_id,account_id,ts,model\n";

    [Test]
    public async Task ShouldRefuseARejectsPathThatIsAnInputAndLeaveTheInputIntact()
    {
        using var dir = new TempDirectory();
        var text = "account_id,created_at,access_pathway\na1,2026-01-05T13:04:11Z,self_serve\n";
        var accounts = dir.File("in/accounts.csv", text);
        var store = new InMemoryIngestStore();
        var result = await new IngestFilesHandler(store, new LocalInputFiles(), new JsonLinesRejectsReports()).Handle(new IngestFilesCommand([accounts], false, accounts), null, CancellationToken.None);
        Assert.That(result.UsageErrors, Has.Count.EqualTo(1));
        Assert.That(await File.ReadAllTextAsync(accounts), Is.EqualTo(text), "the input is not emptied");

        var inside = await new IngestFilesHandler(store, new LocalInputFiles(), new JsonLinesRejectsReports()).Handle(new IngestFilesCommand([Path.Combine(dir.Path, "in")], false, Path.Combine(dir.Path, "in", "rejects.jsonl")), null, CancellationToken.None);
        Assert.That(inside.UsageErrors, Has.Count.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(dir.Path, "in", "rejects.jsonl")), Is.False);
        Assert.That(store.Batches, Is.Empty);
    }

    [Test]
    public async Task ShouldCompleteTheStoreAfterItsLastBatch()
    {
        // A long-lived writer (distill watch) keeps its store open between ingests: each ingest must leave the store's
        // derived tables current instead of relying on the store being disposed.
        using var dir = new TempDirectory();
        var requests = dir.File("in/requests.csv", RequestsHeader + "r1,a1,2026-01-05T13:04:11Z,m\nr2,a2,2026-01-05T13:05:11Z,m\n");
        var store = new InMemoryIngestStore();
        var result = await new IngestFilesHandler(store, new LocalInputFiles(), new JsonLinesRejectsReports()).Handle(new IngestFilesCommand([requests], false, Path.Combine(dir.Path, "r.jsonl")), null, CancellationToken.None);
        Assert.That(result.UsageErrors, Is.Empty);
        Assert.That(store.Batches, Is.Not.Empty);
        Assert.That(store.Completions, Is.EqualTo((1, store.Batches.Count)));
    }

    [Test]
    public async Task ShouldWarnAboutARequestIdRepeatedWithDifferentContent()
    {
        using var dir = new TempDirectory();
        var path = dir.File("requests.csv", RequestsHeader
            + "r1,a1,2026-01-05T13:04:11Z,m\n"
            + "r1,a1,2026-01-05T13:04:11Z,m\n" // an exact repeat: silent, as re-running an ingest is
            + "r1,a2,2026-01-05T13:04:11Z,m\n" // another account
            + "r1,a1,2026-01-06T13:04:11Z,m\n"); // another time
        var store = new InMemoryIngestStore();
        var result = await new IngestFilesHandler(store, new LocalInputFiles(), new JsonLinesRejectsReports()).Handle(new IngestFilesCommand([path], false, Path.Combine(dir.Path, "r.jsonl")), null, CancellationToken.None);
        Assert.That(result.Files[0].New, Is.EqualTo(1));
        Assert.That(result.Warnings.Single(), Does.Contain("2 row(s) repeat a request_id already stored with a different account or time"));
        Assert.That(result.Files[0].Warnings, Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldNeverWriteACardNumberToTheRejectsReportOrAWarning()
    {
        using var dir = new TempDirectory();
        var pan = "4111\u00a01111\u00a01111\u00a01111";
        var path = dir.File("accounts.jsonl",
            "{\"account_id\":\"a1\",\"created_at\":\"2026-01-05T13:04:11Z\",\"access_pathway\":\"self_serve\",\"display_name\":\"" + pan + "\"}\n"
            + "{\"account_id\":4111111111111111,\"created_at\":\"2026-01-05T13:04:11Z\",\"access_pathway\":\"self_serve\"}\n"
            + "{\"account_id\":\"a3\",\"created_at\":\"2026-01-05T13:04:11Z\",\"access_pathway\":\"self_serve\",\"card:4111111111111111\":\"x\"}\n");
        var rejects = Path.Combine(dir.Path, "r.jsonl");
        var store = new InMemoryIngestStore();
        var result = await new IngestFilesHandler(store, new LocalInputFiles(), new JsonLinesRejectsReports()).Handle(new IngestFilesCommand([path], false, rejects), null, CancellationToken.None);
        Assert.That(result.Files[0].Rejected, Is.EqualTo(2));
        Assert.That(store.Accounts.Keys, Is.EqualTo(new[] { "a3" }));
        var everything = await File.ReadAllTextAsync(rejects) + string.Join("\n", result.Warnings);
        Assert.That(everything, Does.Not.Contain("1111"));
    }
}
