using Distill.Attribution.Sqlite;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite;

/// <summary>The writer's string → id cache of one dictionary table (decision D22, D25).</summary>
public sealed class DictionaryTableTests
{
    private string path = "";

    [SetUp]
    public void NewPath() => path = TempDatabase.NewPath();

    [TearDown]
    public void DeleteFiles() => TempDatabase.Delete(path);

    [Test]
    public async Task ShouldGiveTheStoredIdForAnEqualValueThatIsAnotherObject_BeforeAndAfterItKeepsThatObject()
    {
        // A table loaded from the store holds the store's strings; the request parser hands other objects with the
        // same characters. The cache keeps the caller's object after the first match (so later rows compare by
        // reference), and must still give the one stored id, by content, to any equal string.
        await using var connection = SqliteConnections.Open(new SqliteStoreOptions { Path = path }, forReading: false);
        SqliteMigrator.Apply(connection);
        SqliteFile.Execute(path, "INSERT INTO ips(id, value) VALUES (7, '10.0.0.1'), (9, '10.0.0.2')");
        using var ips = new DictionaryTable(connection.Handle!, "ips");
        var first = new string("10.0.0.1".AsSpan());
        var second = new string("10.0.0.1".AsSpan());
        Assert.That(first, Is.Not.SameAs(second));
        Assert.Multiple(() =>
        {
            Assert.That(ips.IdOf(first), Is.EqualTo(7));
            Assert.That(ips.IdOf(first, DictionaryTable.Hash(first)), Is.EqualTo(7));
            Assert.That(ips.IdOf(second), Is.EqualTo(7));
            Assert.That(ips.TryGetId(first, out var again) ? again : -1, Is.EqualTo(7));
            Assert.That(ips.IdOf("10.0.0.2"), Is.EqualTo(9));
            Assert.That(ips.IdOf("10.0.0.3"), Is.EqualTo(10));
        });

        ips.Prefetch(DictionaryTable.Hash("10.0.0.4"));
        ips.Commit();
        Assert.That(SqliteFile.Query(path, "SELECT id || ' ' || value FROM ips ORDER BY id"), Is.EqualTo(new[] { "7 10.0.0.1", "9 10.0.0.2", "10 10.0.0.3" }));
    }
}
