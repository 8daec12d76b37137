using System.Text.Json;
using System.Text.Json.Serialization;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Graph.Community;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Runs;
using Distill.Attribution.Testing;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite.Runs;

public sealed class SqliteRunStoreTests
{
    private static readonly JsonSerializerOptions Canonical = new() { Converters = { new JsonStringEnumConverter() } };
    private string path = "";

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [SetUp]
    public void CreatePath() => path = TempDatabase.NewPath();

    [TearDown]
    public void DeleteFile() => TempDatabase.Delete(path);

    private static SnapshotBuilder Population(int campaignAccounts = 20) => new SnapshotBuilder()
        .Campaign("camp", accounts: campaignAccounts, seed: 51)
        .Campaign("rogue", accounts: 12, seed: 52, templatePrefix: "tpl-rogue")
        .IndependentUsers("user", 80, seed: 53)
        .Family("family")
        .OfficeTeam("office")
        .Indicator("op-a", IndicatorKind.PaymentFingerprint, "card-camp-2", 0.9, "Example Lab");

    private static async Task<DetectionRun> DetectAsync(SqliteRunStore runs, SnapshotBuilder population, int minute = 0)
    {
        var handler = new DetectClustersHandler(new FixedSnapshotSource(population.Build()), runs, (g, _, _) => ConnectedComponents.Compute(g),
            new FixedClock(new DateTimeOffset(2026, 2, 20, 10, minute, 0, TimeSpan.Zero)));
        return (await handler.Handle(new DetectClustersCommand(), CancellationToken.None)).Run;
    }

    // Records compare lists by reference, so two runs are compared by their canonical JSON.
    private static string Json(DetectionRun? run) => run is null ? "null" : JsonSerializer.Serialize(run with { Parameters = new DetectionParameters() }, Canonical) + run.Parameters.ToJson();

    private static long Count(string path, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)command.ExecuteScalar()!;
    }

    [Test]
    public async Task ShouldReturnNoRunFromAnEmptyStore()
    {
        var runs = SqliteRunStore.Open(path);
        Assert.That(await runs.GetLatestRunAsync(CancellationToken.None), Is.Null);
        Assert.That(await runs.GetRunAsync("run-0001", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task ShouldLoadASavedRunEqualToWhatWasSaved()
    {
        var runs = SqliteRunStore.Open(path);
        var saved = await DetectAsync(runs, Population());
        // The run must carry everything the store has to keep, or the round trip proves little.
        Assert.That(saved.Clusters.Any(c => c.Evidence is { Steps.Count: > 0 }), Is.True);
        Assert.That(saved.Clusters.Any(c => c.Operator is { Indicators.Count: > 0 }), Is.True);
        Assert.That(saved.Clusters.SelectMany(c => c.Evidence?.Steps ?? []).SelectMany(s => s.Links).SelectMany(l => l.Records).Any(r => r.RequestId is not null), Is.True);
        Assert.That(saved.Stats, Is.Not.Null);

        var latest = await SqliteRunStore.Open(path).GetLatestRunAsync(CancellationToken.None);
        var byId = await SqliteRunStore.Open(path).GetRunAsync(saved.RunId, CancellationToken.None);

        Assert.That(Json(latest), Is.EqualTo(Json(saved)));
        Assert.That(Json(byId), Is.EqualTo(Json(saved)));
        Assert.That(latest!.Parameters.ComputeHash(), Is.EqualTo(saved.ParametersHash));
        Assert.That(MembershipHash.Compute(latest.Clusters), Is.EqualTo(saved.MembershipHash));
    }

    [Test]
    public async Task ShouldKeepAnAttributionThroughSharedInfrastructure()
    {
        var runs = SqliteRunStore.Open(path);
        var detected = await DetectAsync(runs, Population());
        var tie = new InfrastructureTie("c-0001", "camp-0", 4, 37, ["ip:203.0.113.7", "payment:card-camp-2"]);
        var clusters = detected.Clusters.Select(c => c.Operator is { } op ? c with { Operator = op with { Indicators = [], Through = tie } } : c).ToArray();
        Assert.That(clusters.Count(c => c.Operator is not null), Is.GreaterThan(0));
        var run = detected with { RunId = "run-0099", Clusters = clusters };
        await runs.SaveRunAsync(run, CancellationToken.None);

        var read = await SqliteRunStore.Open(path).GetRunAsync("run-0099", CancellationToken.None);
        Assert.That(Json(read), Is.EqualTo(Json(run)));
        Assert.That(read!.Clusters.Where(c => c.Operator is not null).Select(c => c.Operator!.Through), Has.All.EqualTo(tie).Using<InfrastructureTie>(
            (x, y) => x.SourceClusterId == y.SourceClusterId && x.RidingMembers == y.RidingMembers && x.SharedElements == y.SharedElements && x.ExampleElements.SequenceEqual(y.ExampleElements)));
    }

    [Test]
    public async Task ShouldReturnTheLatestRunAndEveryRunById()
    {
        var runs = SqliteRunStore.Open(path);
        var first = await DetectAsync(runs, Population(), minute: 0);
        var second = await DetectAsync(runs, Population(campaignAccounts: 24), minute: 5);

        Assert.That(second.RunId, Is.EqualTo("run-0002"));
        Assert.That(Json(await runs.GetLatestRunAsync(CancellationToken.None)), Is.EqualTo(Json(second)));
        Assert.That(Json(await runs.GetRunAsync("run-0001", CancellationToken.None)), Is.EqualTo(Json(first)));
        Assert.That(await runs.GetRunAsync("run-0003", CancellationToken.None), Is.Null);
        // The grown campaign kept its id from the first run.
        var grown = second.Clusters.Single(c => c.Members.Count == 24);
        Assert.That(grown.Lineage, Is.EqualTo(ClusterLineage.Grown));
        Assert.That(first.Clusters.Select(c => c.Id), Does.Contain(grown.Id));
    }

    private static string Json(RunMembership? membership) => membership is null ? "null"
        : JsonSerializer.Serialize(new { membership.RunId, membership.NextClusterNumber, Clusters = membership.Clusters.Select(c => new { c.Id, c.Members }) });

    [Test]
    public async Task ShouldReadTheLatestMembershipAsTheWholeLatestRunHasIt()
    {
        var runs = SqliteRunStore.Open(path);
        Assert.That(await runs.GetLatestMembershipAsync(CancellationToken.None), Is.Null);
        await DetectAsync(runs, Population(), minute: 0);
        var second = await DetectAsync(runs, Population(campaignAccounts: 24), minute: 5);
        Assert.That(second.Clusters, Has.Count.GreaterThan(2));

        var membership = await SqliteRunStore.Open(path).GetLatestMembershipAsync(CancellationToken.None);

        Assert.That(Json(membership), Is.EqualTo(Json(RunMembership.Of(second))));
    }

    [Test]
    public async Task ShouldReadTheWholeRunWhenTheMembersTableDoesNotHoldTheLatestRun()
    {
        var runs = SqliteRunStore.Open(path);
        var saved = await DetectAsync(runs, Population());
        var account = saved.Clusters[0].Members[0];
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM cluster_members WHERE account = $account";
            delete.Parameters.AddWithValue("$account", account);
            Assert.That(delete.ExecuteNonQuery(), Is.EqualTo(1));
        }

        var membership = await SqliteRunStore.Open(path).GetLatestMembershipAsync(CancellationToken.None);

        Assert.That(membership!.Clusters[0].Members, Does.Contain(account));
        Assert.That(Json(membership), Is.EqualTo(Json(RunMembership.Of(saved))));
    }

    [Test]
    public async Task ShouldCountRunsAndClustersInTheStoreStats()
    {
        var runs = SqliteRunStore.Open(path);
        var first = await DetectAsync(runs, Population());
        var second = await DetectAsync(runs, Population(campaignAccounts: 24), minute: 5);
        await using var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
        var stats = await store.GetStatsAsync(CancellationToken.None);
        Assert.That(stats.Runs, Is.EqualTo(2));
        Assert.That(stats.Clusters, Is.EqualTo(first.Clusters.Count + second.Clusters.Count));
    }

    [Test]
    public async Task ShouldAnswerWhichClusterAnAccountIsInForTheLatestRun()
    {
        var runs = SqliteRunStore.Open(path);
        await DetectAsync(runs, Population());
        var second = await DetectAsync(runs, Population(campaignAccounts: 24), minute: 5);
        var cluster = second.Clusters.Single(c => c.Members.Contains("camp-23"));

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT cluster FROM cluster_members WHERE account = $account";
        select.Parameters.AddWithValue("$account", "camp-23");
        using var reader = select.ExecuteReader();
        var found = new List<string>();
        while (reader.Read())
        {
            found.Add(reader.GetString(0));
        }

        Assert.That(found, Is.EqualTo(new[] { cluster.Id }));
        Assert.That(Count(path, "SELECT count(*) FROM cluster_members"), Is.EqualTo(second.Clusters.Sum(c => c.Members.Count)));
    }

    [Test]
    public async Task ShouldKeepNothingOfARunThatFailsHalfWay()
    {
        var runs = SqliteRunStore.Open(path);
        var first = await DetectAsync(runs, Population());
        var clustersBefore = Count(path, "SELECT count(*) FROM clusters");
        var membersBefore = Count(path, "SELECT count(*) FROM cluster_members");
        // The last cluster repeats an account of the first: the insert fails after most rows were written.
        var broken = first with
        {
            RunId = "run-0002",
            Clusters = [.. first.Clusters, first.Clusters[0] with { Id = "c-9999", Members = [first.Clusters[0].Members[0]] }],
        };

        Assert.That(async () => await runs.SaveRunAsync(broken, CancellationToken.None), Throws.InstanceOf<SqliteException>());
        Assert.That((await runs.GetLatestRunAsync(CancellationToken.None))!.RunId, Is.EqualTo("run-0001"));
        Assert.That(await runs.GetRunAsync("run-0002", CancellationToken.None), Is.Null);
        Assert.That(Count(path, "SELECT count(*) FROM runs"), Is.EqualTo(1));
        Assert.That(Count(path, "SELECT count(*) FROM clusters"), Is.EqualTo(clustersBefore));
        Assert.That(Count(path, "SELECT count(*) FROM cluster_members"), Is.EqualTo(membersBefore));
        Assert.That(Count(path, "SELECT count(*) FROM cluster_members WHERE run_seq = 1"), Is.EqualTo(membersBefore));
    }

    [Test]
    public async Task ShouldRefuseTheSameRunIdTwice()
    {
        var runs = SqliteRunStore.Open(path);
        var first = await DetectAsync(runs, Population());
        Assert.That(async () => await runs.SaveRunAsync(first, CancellationToken.None), Throws.InstanceOf<SqliteException>());
        Assert.That(Count(path, "SELECT count(*) FROM runs"), Is.EqualTo(1));
    }
}
