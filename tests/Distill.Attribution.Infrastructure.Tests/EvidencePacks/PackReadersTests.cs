using Distill.Attribution.Application.Cases;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.Tests.Sqlite;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Cases;
using Distill.Attribution.Sqlite.Runs;
using Distill.Attribution.Sqlite.Sources;
using Distill.Attribution.Testing.Builders;

namespace Distill.Attribution.Infrastructure.Tests.EvidencePacks;

/// <summary>The SQLite readers behind a pack's report: every member request (not only the cited ones) and the verdicts of its detector version.</summary>
public sealed class PackReadersTests
{
    private string path = "";

    [SetUp]
    public void NewPath() => path = TempDatabase.NewPath();

    [TearDown]
    public void DeleteFiles() => TempDatabase.Delete(path);

    [Test]
    public async Task ShouldAggregateEveryRequestOfTheMembersByModelAndCapabilityWithReleaseDates()
    {
        var requests = new List<RequestRecord>();
        for (var i = 0; i < 30; i++)
        {
            requests.Add(new RequestRecord($"a-{i}", i % 2 == 0 ? "acct-1" : "acct-2", TestTime.At(100 + i), i < 20 ? "m-old" : "m-new", i % 3 == 0 ? null : "reasoning_cot", null, null, null, null, null));
        }

        requests.Add(new RequestRecord("outsider", "acct-3", TestTime.At(5), "m-new", "chat", null, null, null, null, null));
        await using (var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None))
        {
            await store.WriteBatchAsync(Batches.Of([.. requests]), CancellationToken.None);
            await store.WriteBatchAsync(Batches.Of(new ReleaseRecord("m-new", TestTime.At(110))), CancellationToken.None);
        }

        var activity = await new SqliteClusterActivityReader(new SqliteStoreOptions { Path = path }).ReadAsync(["acct-1", "acct-2", "nobody"], CancellationToken.None);

        Assert.That(activity, Is.Not.Null);
        Assert.That(activity!.Requests, Is.EqualTo(30), "all member requests, none of the outsider's");
        Assert.That((activity.First, activity.Last), Is.EqualTo(((DateTimeOffset?)TestTime.At(100), (DateTimeOffset?)TestTime.At(129))));
        Assert.That(activity.ByModel.Select(m => (m.Model, m.Requests, m.First, m.Last, m.ReleasedAt)), Is.EqualTo(new[]
        {
            ("m-new", 10L, TestTime.At(120), TestTime.At(129), (DateTimeOffset?)TestTime.At(110)),
            ("m-old", 20L, TestTime.At(100), TestTime.At(119), (DateTimeOffset?)null),
        }));
        Assert.That(activity.ByCapability.Select(c => (c.Capability, c.Requests)), Is.EqualTo(new[] { ("(none)", 10L), ("reasoning_cot", 20L) }));
    }

    [Test]
    public async Task ShouldCountTheLatestVerdictOfEachClusterOfTheSameDetectorVersionOnly()
    {
        var run = PackTestData.Run;
        var sameVersion = run with { RunId = "run-0100" };
        var otherVersion = run with { RunId = "run-0200", ParametersHash = "other-parameters" };
        var options = new SqliteStoreOptions { Path = path };
        var runs = new SqliteRunStore(options);
        foreach (var r in new[] { run, sameVersion, otherVersion })
        {
            await runs.SaveRunAsync(r, CancellationToken.None);
        }

        using var database = new SqliteDatabase(options);
        var cases = new SqliteCaseStore(database);
        async Task Say(string cluster, string runId, Verdict verdict) =>
            await cases.AddVerdictAsync(new VerdictRecord(0, cluster, runId, verdict, null, "k", "investigator", TestTime.At(1)), CancellationToken.None);
        await Say("c-1", run.RunId, Verdict.Dismissed);
        await Say("c-1", sameVersion.RunId, Verdict.Confirmed); // latest for c-1: counted once, as confirmed
        await Say("c-2", run.RunId, Verdict.Confirmed);
        await Say("c-3", run.RunId, Verdict.Dismissed);
        await Say("c-4", run.RunId, Verdict.NeedsReview);
        await Say("c-5", otherVersion.RunId, Verdict.Confirmed); // another version: not counted

        var counts = await new SqliteVerdictTally(database).CountAsync(run.CodeVersion, run.ParametersHash, CancellationToken.None);

        Assert.That((counts.Confirmed, counts.Dismissed, counts.NeedsReview), Is.EqualTo((2, 1, 1)));
        var none = await new SqliteVerdictTally(database).CountAsync("9.9.9", run.ParametersHash, CancellationToken.None);
        Assert.That(none.Decided, Is.Zero);
    }
}
