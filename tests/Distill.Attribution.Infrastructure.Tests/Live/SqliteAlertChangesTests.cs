using Distill.Attribution.Application.Live;
using Distill.Attribution.Infrastructure.Tests.Sqlite;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Live;
using Distill.Attribution.Testing.Builders;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Live;

/// <summary>Alert change numbers (migration 0009): what the alertRaised feed of <c>distill serve</c> polls.</summary>
public sealed class SqliteAlertChangesTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task ShouldNumberInsertsAndRunUpdatesButNotStatusChanges()
    {
        var path = TempDatabase.NewPath();
        try
        {
            using var database = new SqliteDatabase(new SqliteStoreOptions { Path = path });
            var store = new SqliteAlertStore(database);
            var changes = new SqliteAlertChanges(database);
            Assert.That(await changes.GetLatestChangeAsync(default), Is.Zero);

            var saved = await store.SaveAsync("run-0001", [new(Alert("c-0001"), true), new(Alert("c-0002"), true)], default);
            var first = await changes.ReadAfterAsync(0, 10, default);
            Assert.That(first.Select(e => (e.Sequence, e.Alert.ClusterId)), Is.EqualTo(new[] { (1L, "c-0001"), (2L, "c-0002") }));
            Assert.That((first[0].Alert.Id, first[0].Alert.Summary, first[0].Alert.Evidence[0]), Is.EqualTo((saved[0].Alert.Id, "c-0001 NewCluster", new AlertFact("members", "5"))));

            await store.SetStatusAsync(saved[0].Alert.Id, AlertStatus.Acknowledged, "key-1", Now, default);
            Assert.That(await changes.ReadAfterAsync(2, 10, default), Is.Empty, "an acknowledgement is not a change");

            await store.SaveAsync("run-0002", [new(saved[0].Alert with { RunId = "run-0002", Updates = 1, Summary = "grew" }, false)], default);
            var update = await changes.ReadAfterAsync(2, 10, default);
            Assert.That(update.Select(e => (e.Sequence, e.Alert.Summary, e.Alert.Status)), Is.EqualTo(new[] { (3L, "grew", AlertStatus.Acknowledged) }));
            Assert.That(await changes.GetLatestChangeAsync(default), Is.EqualTo(3));
            Assert.That((await changes.ReadAfterAsync(0, 2, default)).Select(e => e.Sequence), Is.EqualTo(new[] { 2L, 3L }),
                "oldest change first, at most max; c-0001's earlier number is gone with its update");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDatabase.Delete(path);
        }
    }

    private static LiveAlert Alert(string cluster) => LiveAlerts.Of(cluster, AlertKind.NewCluster, "run-0001", Now);
}
