using Distill.Attribution.Application;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Live;
using Distill.Attribution.Application.Runs;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Graph.Community;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Live;
using Distill.Attribution.Sqlite.Runs;
using Distill.Attribution.Testing;
using Distill.Attribution.Testing.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Infrastructure.Tests.Live;

/// <summary>
/// The batch processor's alert phase against the store file: the run the last alerts came from is the run this process
/// saved them from one batch earlier, so it is compared with as held, and read back from the run store only when the store
/// names another run (a restart, or another process on the same store).
/// </summary>
public sealed class LiveBatchProcessorTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("distill-live-processor-").FullName;

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task ShouldCompareWithTheRunItSavedTheAlertsFromWithoutReadingItBack()
    {
        var kept = Path.Combine(_dir, "kept.db");
        var graph = new FixedSnapshotSource(First());
        await using (var live = Live.Open(kept, graph))
        {
            await live.Processor.ProcessAsync(Batch("b1"), CancellationToken.None);
            graph.Snapshot = Second();
            var second = await live.Processor.ProcessAsync(Batch("b2"), CancellationToken.None);
            Assert.That(live.Runs.Loads, Is.Zero, "the second batch compares with the run the first one saved its alerts from, as held");
            Assert.That(live.Runs.LatestLoads, Is.EqualTo(1), "only the first batch's detection reads the latest run back; the second takes the held one for lineage");

            // The same two batches on another store file, the second by a fresh processor (as after a restart): it reads the
            // run back from SQLite, and must raise exactly the same alerts.
            var reread = Path.Combine(_dir, "reread.db");
            var other = new FixedSnapshotSource(First());
            await using (var first = Live.Open(reread, other))
            {
                await first.Processor.ProcessAsync(Batch("b1"), CancellationToken.None);
            }

            other.Snapshot = Second();
            await using var restarted = Live.Open(reread, other);
            var expected = await restarted.Processor.ProcessAsync(Batch("b2"), CancellationToken.None);
            Assert.That(restarted.Runs.Loads, Is.EqualTo(1), "a fresh processor reads the last alerted run from the store");
            Assert.That(restarted.Runs.LatestLoads, Is.EqualTo(1), "and its detection reads the latest run back for lineage");
            Assert.That(second.RunId, Is.EqualTo(expected.RunId));

            Assert.That(Describe(second), Has.Some.StartsWith("Grown ").And.Some.StartsWith("NewCluster "),
                () => "the comparison is not vacuous: the campaign grew and another appeared; got " + string.Join(" | ", Describe(second)));
            Assert.That(Describe(second), Is.EqualTo(Describe(expected)));
        }
    }

    [Test]
    public async Task ShouldReadTheRunBackWhenTheStoreNamesAnotherLastAlertedRun()
    {
        var path = Path.Combine(_dir, "shared.db");
        var graph = new FixedSnapshotSource(First());
        await using var p = Live.Open(path, graph);
        await using var q = Live.Open(path, graph);
        await p.Processor.ProcessAsync(Batch("b1"), CancellationToken.None);

        // Another processor on the same store alerts from a newer run: the run p holds is no longer the last alerted one.
        graph.Snapshot = Second();
        var byQ = await q.Processor.ProcessAsync(Batch("b2"), CancellationToken.None);
        Assert.That(byQ.Alerts, Is.Not.Empty);

        var byP = await p.Processor.ProcessAsync(Batch("b3"), CancellationToken.None);
        Assert.That(p.Runs.LoadedIds, Is.EqualTo(new[] { byQ.RunId }), "p reads the run q saved its alerts from, not its own");
        Assert.That(byP.Alerts, Is.Empty, "nothing changed since q's run: compared with it, nothing is raised again");

        await p.Processor.ProcessAsync(Batch("b4"), CancellationToken.None);
        Assert.That(p.Runs.LoadedIds, Has.Count.EqualTo(1), "the next batch compares with the run p saved, as held");
    }

    [Test]
    public async Task ShouldTellANewClusterOnTheRunThatConfirmsItAlsoAfterARestart()
    {
        // b1: the campaign (the first run tells what it flags). b2: it grew and a second campaign appeared: nothing yet
        // about the second. b3: the same data again, the second campaign's verdict held: told now, and only once.
        var held = Path.Combine(_dir, "held.db");
        var graph = new FixedSnapshotSource(First());
        string[] third;
        await using (var live = Live.Open(held, graph, confirm: true))
        {
            var first = await live.Processor.ProcessAsync(Batch("b1"), CancellationToken.None);
            Assert.That(Describe(first), Has.Some.StartsWith("NewCluster "), "the first run tells what it flags");
            graph.Snapshot = Second();
            var second = await live.Processor.ProcessAsync(Batch("b2"), CancellationToken.None);
            Assert.That(Describe(second).Where(d => d.StartsWith("NewCluster ", StringComparison.Ordinal)), Is.Empty, "the second campaign waits for a second run");
            third = Describe(await live.Processor.ProcessAsync(Batch("b3"), CancellationToken.None));
            Assert.That(third.Count(d => d.StartsWith("NewCluster ", StringComparison.Ordinal)), Is.EqualTo(1), () => string.Join(" | ", third));
            Assert.That(live.Runs.Loads, Is.Zero, "both runs it compares with are held");
        }

        // The same batches, the third by a fresh processor: it reads the last alerted run and the one before it back.
        var reread = Path.Combine(_dir, "reread.db");
        var other = new FixedSnapshotSource(First());
        await using (var live = Live.Open(reread, other, confirm: true))
        {
            await live.Processor.ProcessAsync(Batch("b1"), CancellationToken.None);
            other.Snapshot = Second();
            await live.Processor.ProcessAsync(Batch("b2"), CancellationToken.None);
        }

        await using var restarted = Live.Open(reread, other, confirm: true);
        var again = Describe(await restarted.Processor.ProcessAsync(Batch("b3"), CancellationToken.None));
        Assert.That(restarted.Runs.Loads, Is.EqualTo(2), "the last alerted run and the run before it");
        Assert.That(again, Is.EqualTo(third));
    }

    private static DetectionSnapshot First() =>
        new SnapshotBuilder().Campaign("camp", accounts: 20).IndependentUsers("bg", 60, seed: 3).Build();

    private static DetectionSnapshot Second() =>
        new SnapshotBuilder().Campaign("camp", accounts: 30).Campaign("other", accounts: 16, seed: 9, templatePrefix: "tpl-other")
            .IndependentUsers("bg", 60, seed: 3).Build();

    private string Batch(string name)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "inbox", name)).FullName;
        File.WriteAllText(Path.Combine(dir, "releases.csv"), "model,released_at\n");
        return dir;
    }

    private static string[] Describe(BatchOutcome outcome) =>
        [.. outcome.Alerts.Select(a => $"{a.Alert.Kind} {a.Alert.ClusterId} {a.Alert.MemberCount} {string.Join(";", a.Alert.Evidence.Select(e => e.Name + "=" + e.Value))}")];

    /// <summary>A processor over one store file (runs and alerts in SQLite), the graph served by a test source.</summary>
    private sealed class Live : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly SqliteDatabase _database;

        private Live(ServiceProvider services, SqliteDatabase database, CountingRunStore runs)
        {
            _services = services;
            _database = database;
            Runs = runs;
            Processor = services.GetRequiredService<LiveBatchProcessor>();
        }

        public LiveBatchProcessor Processor { get; }

        public CountingRunStore Runs { get; }

        /// <param name="path">The store file.</param>
        /// <param name="graph">The graph's snapshot source.</param>
        /// <param name="confirm"><see cref="AlertOptions.NewClusterNeedsSecondRun"/>; off, the comparison is one run apart.</param>
        public static Live Open(string path, ISnapshotSource graph, bool confirm = false)
        {
            var runs = new CountingRunStore(SqliteRunStore.Open(path));
            var database = new SqliteDatabase(new SqliteStoreOptions { Path = path });
            var services = new ServiceCollection()
                .AddAttributionApplication()
                .AddSingleton<IIngestStore>(new InMemoryIngestStore())
                .AddAttributionIngestFiles()
                .AddSingleton<ICaller>(FixedCaller.CommandLine)
                .AddSingleton(TimeProvider.System)
                .AddSingleton<ClusteringStep>((g, _, _) => ConnectedComponents.Compute(g))
                .AddSingleton(new WindowedSnapshotSource(graph, null))
                .AddSingleton<ISnapshotSource>(sp => sp.GetRequiredService<WindowedSnapshotSource>())
                .AddSingleton<IRunStore>(runs)
                .AddSingleton<IAlertStore>(new SqliteAlertStore(database))
                .AddSingleton<IEnumerable<IAlertSink>>([])
                .AddSingleton(new LiveOptions
                {
                    RejectsPath = Path.Combine(Path.GetDirectoryName(path)!, "rejects.jsonl"),
                    Alerts = new AlertOptions { NewClusterNeedsSecondRun = confirm },
                })
                .AddSingleton<LiveBatchProcessor>()
                .BuildServiceProvider();
            return new Live(services, database, runs);
        }

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            _database.Dispose();
        }
    }

    /// <summary>The run store, counting the runs read back by id.</summary>
    private sealed class CountingRunStore(IRunStore inner) : IRunStore
    {
        private readonly List<string> _loaded = [];

        public int Loads => _loaded.Count;

        public IReadOnlyList<string> LoadedIds => _loaded;

        public int LatestLoads { get; private set; }

        public Task<DetectionRun?> GetLatestRunAsync(CancellationToken ct)
        {
            LatestLoads++;
            return inner.GetLatestRunAsync(ct);
        }

        public Task<DetectionRun?> GetRunAsync(string runId, CancellationToken ct)
        {
            _loaded.Add(runId);
            return inner.GetRunAsync(runId, ct);
        }

        public Task SaveRunAsync(DetectionRun run, CancellationToken ct) => inner.SaveRunAsync(run, ct);

        public Task<string?> GetLatestRunIdAsync(CancellationToken ct) => inner.GetLatestRunIdAsync(ct);

        public Task<Page<RunSummary>?> ListRunSummariesAsync(int first, int offset, CancellationToken ct) => inner.ListRunSummariesAsync(first, offset, ct);
    }
}
