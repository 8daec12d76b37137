using Distill.Attribution.Domain.Access;
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
        using (var connection = new SqliteConnection($"Data Source={_api.StorePath};Pooling=False"))
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
}
