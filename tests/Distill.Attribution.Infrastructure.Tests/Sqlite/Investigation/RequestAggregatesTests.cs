using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Lookup;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Investigation;
using Distill.Attribution.Testing.Builders;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite.Investigation;

/// <summary>
/// The timeline and the client / prompt look-ups answered from the in-memory aggregate, compared with a brute-force
/// count over the very records that were ingested (random accounts, times, models, capabilities, clients, prompts).
/// </summary>
public sealed class RequestAggregatesTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Models = ["model-a", "model-b", "model-c"];
    private static readonly string?[] Capabilities = [null, "chat", "reasoning_cot", "code"];
    private static readonly string?[] Clients = [null, "sdk-py/1.0", "harvester/1.0", "curl/8"];
    private string _path = "";

    [SetUp]
    public void CreatePath() => _path = TempDatabase.NewPath();

    [TearDown]
    public void DeleteFile() => TempDatabase.Delete(_path);

    private static List<RequestRecord> RandomRequests(int seed, int count, int firstId)
    {
        var random = new Random(seed);
        var list = new List<RequestRecord>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(new RequestRecordBuilder()
                .WithId($"req-{firstId + i}")
                .ForAccount($"acct-{random.Next(30):D2}")
                .At(Start.AddMilliseconds(random.NextInt64(0, 5L * 86_400_000)))
                .ToModel(Models[random.Next(Models.Length)])
                .WithCapability(Capabilities[random.Next(Capabilities.Length)])
                .WithClient(Clients[random.Next(Clients.Length)])
                .WithPromptFingerprint(random.Next(5) == 0 ? null : $"pf-{random.Next(40)}")
                .Build());
        }

        return list;
    }

    private static List<ActivityBucket> BruteForceActivity(IEnumerable<RequestRecord> requests, HashSet<string> accounts, long width) =>
        [.. requests.Where(r => accounts.Contains(r.AccountId))
            .GroupBy(r => (Bucket: r.Ts.ToUnixTimeMilliseconds() / width * width, r.Model, r.Capability))
            .Select(g => new ActivityBucket(DateTimeOffset.FromUnixTimeMilliseconds(g.Key.Bucket), g.Key.Model, g.Key.Capability, g.LongCount()))
            .OrderBy(b => b.Start).ThenBy(b => b.Model, StringComparer.Ordinal).ThenBy(b => b.Capability, StringComparer.Ordinal)];

    private static List<string> BruteForceAccounts(IEnumerable<RequestRecord> requests, Func<RequestRecord, string?> column, string value) =>
        [.. requests.Where(r => column(r) == value).Select(r => r.AccountId).Distinct().Order(StringComparer.Ordinal)];

    private async Task<List<RequestRecord>> IngestAsync(int seed, int count, int firstId)
    {
        var requests = RandomRequests(seed, count, firstId);
        await using var store = await SqliteGraphStore.OpenAsync(_path, CancellationToken.None);
        await store.WriteBatchAsync(Batches.Of([.. requests]), CancellationToken.None);
        return requests;
    }

    [Test]
    public async Task ShouldCountActivityPerHourAndDayLikeABruteForceCount()
    {
        var requests = await IngestAsync(seed: 5, count: 3_000, firstId: 0);
        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = _path });
        var model = new SqliteAccountReadModel(database, new RequestAggregates(database));
        var members = new[] { "acct-01", "acct-02", "acct-07", "acct-19", "nobody" };
        var set = members.ToHashSet(StringComparer.Ordinal);

        var hours = await model.GetActivityAsync(members, ActivityGranularity.Hour, CancellationToken.None);
        var days = await model.GetActivityAsync(members, ActivityGranularity.Day, CancellationToken.None);

        var expectedHours = BruteForceActivity(requests, set, 3_600_000);
        Assert.That(expectedHours, Has.Count.GreaterThan(100), "the data must spread over many hours for the test to mean something");
        Assert.That(hours, Is.EqualTo(expectedHours));
        Assert.That(days, Is.EqualTo(BruteForceActivity(requests, set, 86_400_000)));
        Assert.That(days.Sum(d => d.Requests), Is.EqualTo(requests.Count(r => set.Contains(r.AccountId))));
    }

    [TestCase(LookupKind.Client, "harvester/1.0")]
    [TestCase(LookupKind.Client, "sdk-py/1.0")]
    [TestCase(LookupKind.PromptFingerprint, "pf-3")]
    [TestCase(LookupKind.PromptFingerprint, "pf-39")]
    public async Task ShouldFindTheAccountsOfAClientOrPromptLikeABruteForceScan(LookupKind kind, string value)
    {
        var requests = await IngestAsync(seed: 9, count: 2_000, firstId: 0);
        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = _path });
        var model = new SqliteAccountReadModel(database, new RequestAggregates(database));
        Func<RequestRecord, string?> column = kind == LookupKind.Client ? r => r.Client : r => r.PromptFingerprint;
        var expected = BruteForceAccounts(requests, column, value);
        Assert.That(expected, Is.Not.Empty);

        Assert.That(await model.FindAccountsAsync(kind, value, 1_000, CancellationToken.None), Is.EqualTo(expected));
        Assert.That(await model.FindAccountsAsync(kind, value, 3, CancellationToken.None), Is.EqualTo(expected.Take(3)));
        Assert.That(await model.FindAccountsAsync(kind, "never-seen", 1_000, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task ShouldSeeRequestsIngestedAfterTheAggregateWasBuilt()
    {
        var first = await IngestAsync(seed: 11, count: 500, firstId: 0);
        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = _path });
        var model = new SqliteAccountReadModel(database, new RequestAggregates(database));
        var all = new[] { "acct-00", "acct-01", "acct-02", "acct-03" };
        var before = await model.GetActivityAsync(all, ActivityGranularity.Day, CancellationToken.None);

        // Another writer (as `distill ingest` beside `distill serve`) adds rows to the same file.
        var second = await IngestAsync(seed: 12, count: 500, firstId: 10_000);
        var after = await model.GetActivityAsync(all, ActivityGranularity.Day, CancellationToken.None);
        var set = all.ToHashSet(StringComparer.Ordinal);

        Assert.That(before, Is.EqualTo(BruteForceActivity(first, set, 86_400_000)));
        Assert.That(after, Is.EqualTo(BruteForceActivity([.. first, .. second], set, 86_400_000)));
        Assert.That(after.Sum(b => b.Requests), Is.GreaterThan(before.Sum(b => b.Requests)));
    }

    [Test]
    public async Task ShouldHandOutTheSameMemberTimelineUntilRequestsAreAddedAndThenCountThemToo()
    {
        var first = await IngestAsync(seed: 13, count: 800, firstId: 0);
        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = _path });
        var aggregates = new RequestAggregates(database);
        var members = new List<string> { "acct-03", "acct-04", "acct-05" };

        var hours = aggregates.MemberActivity(members, ActivityGranularity.Hour);
        Assert.That(aggregates.MemberActivity([.. members], ActivityGranularity.Hour), Is.SameAs(hours), "same members, same snapshot: the kept object");
        Assert.That(aggregates.MemberActivity(members, ActivityGranularity.Day), Is.Not.SameAs(hours));
        Assert.That(aggregates.MemberActivity(["acct-03", "acct-04"], ActivityGranularity.Hour), Is.Not.SameAs(hours), "other members, other answer");

        // The caller's list changing afterwards does not change what the kept answer is for.
        members.Add("acct-06");
        var four = aggregates.MemberActivity(members, ActivityGranularity.Hour);
        Assert.That(four, Is.Not.SameAs(hours));
        Assert.That(four.Rows.Select(r => r.Account), Is.EqualTo(new[] { "acct-03", "acct-04", "acct-05", "acct-06" }));

        var second = await IngestAsync(seed: 14, count: 800, firstId: 10_000);
        var after = aggregates.MemberActivity(members, ActivityGranularity.Hour);
        Assert.That(after, Is.Not.SameAs(four), "rows were added: counted again");
        var set = members.ToHashSet(StringComparer.Ordinal);
        Assert.That(after.Rows.Sum(r => r.Requests.Sum()), Is.EqualTo(first.Concat(second).Count(r => set.Contains(r.AccountId))));
        Assert.That(four.Rows.Sum(r => r.Requests.Sum()), Is.EqualTo(first.Count(r => set.Contains(r.AccountId))));
    }
}
