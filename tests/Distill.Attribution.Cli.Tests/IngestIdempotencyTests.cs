using Distill.Attribution.Sqlite;

namespace Distill.Attribution.Cli.Tests;

/// <summary>Ingesting the same files twice through the CLI leaves identical contents.</summary>
public sealed class IngestIdempotencyTests
{
    [Test]
    public async Task ShouldLeaveIdenticalStatsContentsAndInputHashWhenIngestingTwice()
    {
        using var dir = new TempDirectory();
        var store = await GeneratedDataSet.CopyCleanStoreAsync(dir);
        var statsBefore = await DistillProcess.RunAsync("stats", "--json", "--store", store);
        var contentBefore = StoreDump.ContentHash(store);
        var hashBefore = await InputHashAsync(store);

        var again = await DistillProcess.RunAsync("ingest", "--store", store, "--rejects", dir.File("rejects.jsonl"), GeneratedDataSet.Input);
        Assert.That(again.ExitCode, Is.Zero, again.ToString());

        var statsAfter = await DistillProcess.RunAsync("stats", "--json", "--store", store);
        Assert.That(statsAfter.Output, Is.EqualTo(statsBefore.Output));
        Assert.That(StoreDump.ContentHash(store), Is.EqualTo(contentBefore));
        Assert.That(await InputHashAsync(store), Is.EqualTo(hashBefore));
    }

    internal static async Task<string> InputHashAsync(string path)
    {
        await using var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
        return await store.ComputeInputHashAsync(CancellationToken.None);
    }
}
