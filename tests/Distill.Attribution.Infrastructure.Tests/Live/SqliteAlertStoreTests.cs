using Distill.Attribution.Application.Live;
using Distill.Attribution.Infrastructure.Tests.Sqlite;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Live;
using Distill.Attribution.Testing.Builders;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Live;

/// <summary>Alerts, the last alerted run and the batch log in the store file (migration 0008).</summary>
public sealed class SqliteAlertStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task ShouldSaveUpdatePageAndResolveAlerts()
    {
        var path = TempDatabase.NewPath();
        try
        {
            using var database = new SqliteDatabase(new SqliteStoreOptions { Path = path });
            var store = new SqliteAlertStore(database);
            Assert.That(await store.GetLastAlertedRunIdAsync(default), Is.Null);
            var saved = await store.SaveAsync("run-0001", [new(Alert("c-0001", AlertKind.NewCluster), true), new(Alert("c-0002", AlertKind.Grown), true)], default);
            Assert.That(saved.Select(s => s.Alert.Id), Is.All.GreaterThan(0));
            Assert.That(await store.GetLastAlertedRunIdAsync(default), Is.EqualTo("run-0001"));

            var updated = saved[1].Alert with { RunId = "run-0002", Updates = 1, Evidence = [new AlertFact("members now", "40")] };
            await store.SaveAsync("run-0002", [new(updated, false)], default);
            var read = await store.GetAsync(updated.Id, default);
            Assert.That(read!.Evidence, Is.EqualTo(new[] { new AlertFact("members now", "40") }));
            Assert.That((read.RunId, read.FirstRunId, read.Updates), Is.EqualTo(("run-0002", "run-0001", 1)));

            var acknowledged = await store.SetStatusAsync(saved[0].Alert.Id, AlertStatus.Acknowledged, "key-1", Now, default);
            Assert.That((acknowledged!.Status, acknowledged.HandledBy), Is.EqualTo((AlertStatus.Acknowledged, "key-1")));
            Assert.That(await store.SetStatusAsync(999, AlertStatus.Resolved, "key-1", Now, default), Is.Null);

            var page = await store.ListAsync(null, 1, 0, default);
            Assert.That((page.TotalCount, page.Items.Single().ClusterId, page.HasNextPage), Is.EqualTo((2, "c-0002", true)), "newest first");
            Assert.That((await store.ListAsync(AlertStatus.Acknowledged, 10, 0, default)).Items.Single().ClusterId, Is.EqualTo("c-0001"));

            await store.SetStatusAsync(saved[0].Alert.Id, AlertStatus.Resolved, "key-1", Now, default);
            var reopened = await store.SaveAsync("run-0003", [new(Alert("c-0001", AlertKind.NewCluster), true)], default);
            var matching = await store.GetAlertsForMatchingAsync(default);
            Assert.That(matching.Select(a => (a.ClusterId, a.Status)),
                Is.EquivalentTo(new[] { ("c-0001", AlertStatus.Resolved), ("c-0002", AlertStatus.Open), ("c-0001", AlertStatus.Open) }));
            Assert.That(reopened.Single().Alert.Id, Is.GreaterThan(saved[1].Alert.Id));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDatabase.Delete(path);
        }
    }

    [Test]
    public async Task ShouldRefuseASecondOpenAlertForTheSameKeyAndKeepTheTransactionWhole()
    {
        var path = TempDatabase.NewPath();
        try
        {
            using var database = new SqliteDatabase(new SqliteStoreOptions { Path = path });
            var store = new SqliteAlertStore(database);
            await store.SaveAsync("run-0001", [new(Alert("c-0001", AlertKind.Grown), true)], default);
            await Assert.ThatAsync(() => store.SaveAsync("run-0002", [new(Alert("c-0009", AlertKind.Grown), true), new(Alert("c-0001", AlertKind.Grown), true)], default),
                Throws.InstanceOf<SqliteException>());
            Assert.That((await store.ListAsync(null, 10, 0, default)).TotalCount, Is.EqualTo(1), "the failed save left nothing");
            Assert.That(await store.GetLastAlertedRunIdAsync(default), Is.EqualTo("run-0001"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDatabase.Delete(path);
        }
    }

    [Test]
    public async Task ShouldRememberBatchesByNameAndContent()
    {
        var path = TempDatabase.NewPath();
        try
        {
            using var database = new SqliteDatabase(new SqliteStoreOptions { Path = path });
            var store = new SqliteAlertStore(database);
            await store.RecordBatchAsync("requests-01.csv", "aa", "run-0001", 10, Now, default);
            await store.RecordBatchAsync("requests-01.csv", "aa", "run-0002", 10, Now, default);
            Assert.That(await store.IsBatchDoneAsync("requests-01.csv", "aa", default), Is.True);
            Assert.That(await store.IsBatchDoneAsync("requests-01.csv", "bb", default), Is.False, "same name, other content: a new batch");
            Assert.That(await store.IsBatchDoneAsync("requests-02.csv", "aa", default), Is.False);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDatabase.Delete(path);
        }
    }

    private static LiveAlert Alert(string cluster, AlertKind kind) => LiveAlerts.Of(cluster, kind, "run-0001", Now) with
    {
        Members = ["a", "b"],
        MemberCount = 2,
        LineageParents = ["c-0000"],
        OperatorId = "op-a",
    };
}
