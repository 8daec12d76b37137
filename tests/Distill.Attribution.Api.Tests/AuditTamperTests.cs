using System.Text;
using System.Text.Json;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Testing;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Api.Tests;

/// <summary>Tampering with the stored audit trail (its own store: the test breaks the chain on purpose).</summary>
[NonParallelizable]
public sealed class AuditTamperTests
{
    private ApiFixture _api = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _api = await ApiFixture.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _api.DisposeAsync();

    [Test]
    public async Task ShouldNameTheFirstAlteredAuditEntry()
    {
        for (var i = 0; i < 3; i++)
        {
            await _api.PostAsync(Role.Investigator, "{ viewer { role } }");
        }
        using (var connection = new SqliteConnection($"Data Source={_api.AuditPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // Someone with the file drops the append-only trigger and rewrites history.
            command.CommandText = "DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET outcome = 'tampered' WHERE sequence = 2; "
                + "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;";
            command.ExecuteNonQuery();
        }

        var verify = await _api.PostAsync(Role.Admin, "{ verifyAuditTrail { intact firstBrokenSequence reason } }");
        var v = verify.GetProperty("data").GetProperty("verifyAuditTrail");
        Assert.That(v.GetProperty("intact").GetBoolean(), Is.False);
        Assert.That(v.GetProperty("firstBrokenSequence").GetInt64(), Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldNotRunAMutationWhoseAuditEntryCannotBeWritten()
    {
        // The trail refuses every entry for this operation (what a full disk does to every entry): the mutation must not
        // take effect, instead of creating a key and then failing to record it.
        SqliteFile.Execute(_api.AuditPath, "CREATE TRIGGER audit_refuses_keys BEFORE INSERT ON audit_entries WHEN NEW.operation_name = 'MakeKey' "
            + "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");
        var keysBefore = Count("SELECT count(*) FROM api_keys WHERE label = 'unrecorded'");
        try
        {
            using var client = _api.Client(Role.Admin);
            using var content = new StringContent(JsonSerializer.Serialize(new { query = "mutation MakeKey { createApiKey(role: INVESTIGATOR, label: \"unrecorded\") { keyId } }" }),
                Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative), content);
            Assert.That((int)response.StatusCode, Is.GreaterThanOrEqualTo(500), "the request fails");
            Assert.That(Count("SELECT count(*) FROM api_keys WHERE label = 'unrecorded'"), Is.EqualTo(keysBefore), "and no key was created");
        }
        finally
        {
            SqliteFile.Execute(_api.AuditPath, "DROP TRIGGER audit_refuses_keys;");
        }

        // With the trail writable again the same mutation runs, and its entry ("started") precedes its outcome.
        var made = await _api.PostAsync(Role.Admin, "mutation MakeKey { createApiKey(role: INVESTIGATOR, label: \"recorded\") { keyId } }");
        Assert.That(made.GetProperty("data").GetProperty("createApiKey").GetProperty("keyId").GetString(), Is.Not.Empty);
        Assert.That(Count("SELECT count(*) FROM api_keys WHERE label = 'recorded'"), Is.EqualTo(1));
        Assert.That(Count(_api.AuditPath, "SELECT count(*) FROM audit_entries WHERE operation_name = 'MakeKey' AND outcome = 'started'"), Is.EqualTo(1));
        Assert.That(Count(_api.AuditPath, "SELECT count(*) FROM audit_entries WHERE operation_name = 'MakeKey' AND outcome = 'ok'"), Is.EqualTo(1));
    }

    private long Count(string sql) => Count(_api.StorePath, sql);

    private static long Count(string path, string sql) => long.Parse(SqliteFile.Query(path, sql)[0], System.Globalization.CultureInfo.InvariantCulture);
}
