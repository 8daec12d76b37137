using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Distill.Attribution.Api.Audit;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Domain.Audit;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Api.Tests;

/// <summary>Issue 17 items 2, 3, 6, 7, 8 through the real host: cost, parameter ranges, rate limits, what the audit trail keeps and proves.</summary>
[NonParallelizable]
public sealed class HardeningTests
{
    private ApiFixture _api = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Generous limits for the shared fixture; the limiter tests start their own hosts.
        _api = await ApiFixture.StartAsync(o => o.FailedAuthenticationBurst = 1000);
        var run = await _api.PostAsync(Role.Analyst, "mutation { runDetection { id } }");
        Assert.That(run.GetProperty("data").ValueKind, Is.EqualTo(JsonValueKind.Object), run.ToString());
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _api.DisposeAsync();

    [Test]
    public async Task ShouldRefuseAThousandAliasesOfAnHourlyActivityBeforeRunningThem()
    {
        var list = await _api.PostAsync(Role.Investigator, "{ clusters(first: 1) { nodes { id } } }");
        var id = list.GetProperty("data").GetProperty("clusters").GetProperty("nodes")[0].GetProperty("id").GetString();
        var aliases = string.Join(' ', Enumerable.Range(0, 1000).Select(i => $"c{i}: cluster(id: \"{id}\") {{ ...F }}"));

        var result = await _api.PostAsync(Role.Investigator, $"{{ {aliases} }} fragment F on Cluster {{ activity(granularity: HOUR) {{ start model requests }} }}");

        Assert.That(result.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("MAX_COST_EXCEEDED"), result.ToString());
    }

    [TestCase("mutation { runDetection(parameters: {ClusteringResolution: 1e308}) { id } }", "parameters.ClusteringResolution")]
    [TestCase("mutation { runDetection(parameters: {ClusteringQuality: \"louvain\"}) { id } }", "parameters.ClusteringQuality")]
    [TestCase("mutation { runDetection(parameters: {LockstepBands: 100000, LockstepRowsPerBand: 1000}) { id } }", "parameters.LockstepBands")]
    [TestCase("mutation { runDetection(parameters: {LockstepBucketSeconds: 0}) { id } }", "parameters.LockstepBucketSeconds")]
    public async Task ShouldRefuseDetectionParametersOutsideTheirRangesAsUserErrors(string mutation, string field)
    {
        var before = await _api.PostAsync(Role.Investigator, "{ runs { id } }");

        var result = await _api.PostAsync(Role.Admin, mutation);

        var error = result.GetProperty("errors")[0];
        Assert.That(error.GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("BAD_USER_INPUT"), result.ToString());
        var fields = error.GetProperty("extensions").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()).ToArray();
        Assert.That(fields, Does.Contain(field));
        var after = await _api.PostAsync(Role.Investigator, "{ runs { id } }");
        Assert.That(after.ToString(), Is.EqualTo(before.ToString()), "a refused run must not become a run");
    }

    [Test]
    public async Task ShouldAuditAnUnauthenticatedRequestWithoutItsVariables()
    {
        var big = new string('x', 100_000);
        using (var client = _api.Client(null))
        {
            using var content = new StringContent(JsonSerializer.Serialize(new { query = "query Probe { viewer { role } }", operationName = "Probe", variables = new { v = big } }), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative), content);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        var entry = await LastEntryAsync(e => e.GetProperty("operationName").GetString() == "Probe");
        Assert.That(entry.GetProperty("outcome").GetString(), Is.EqualTo("unauthenticated: no key"));
        Assert.That(entry.GetProperty("variables").GetString(), Is.EqualTo("{}"));
    }

    [TestCase("text/plain", "{\"query\":\"query Refused415 { viewer { role } }\"}", 415)]
    [TestCase("application/json", "{\"query\": 7}", 400)]
    public async Task ShouldAuditRefusedRequests(string contentType, string body, int status)
    {
        var before = await CountAsync();
        using (var client = _api.Client(Role.Investigator))
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            using var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative), content);
            Assert.That((int)response.StatusCode, Is.EqualTo(status));
        }

        var entry = await LastEntryAsync(e => e.GetProperty("outcome").GetString()!.StartsWith($"refused: {status}", StringComparison.Ordinal));
        Assert.That(entry.GetProperty("variables").GetString(), Is.EqualTo("{}"));
        Assert.That(await CountAsync(), Is.GreaterThan(before));
    }

    [Test]
    public async Task ShouldRedactAnAdminKeyAndACardNumberWhateverTheVariableIsCalled()
    {
        var adminKey = _api.Keys[Role.Admin];
        await _api.PostAsync(Role.Investigator, "query Redact($v: String!, $w: String!) { a: lookup(kind: IP, value: $v) { truncated } b: lookup(kind: IP, value: $w) { truncated } }",
            new { v = adminKey, w = "4111 1111-1111.1111" });

        var entry = await LastEntryAsync(e => e.GetProperty("operationName").GetString() == "Redact");
        var variables = entry.GetProperty("variables").GetString()!;
        Assert.That(variables, Does.Not.Contain(adminKey[3..]));
        Assert.That(variables, Does.Not.Contain("1111"));
        Assert.That(variables, Does.Contain("[redacted]"));
    }

    [Test]
    public async Task ShouldStoreOnlyTheSizeAndHashOfOversizedVariables()
    {
        await _api.PostAsync(Role.Investigator, "query Big($v: String!) { lookup(kind: IP, value: $v) { truncated } }", new { v = new string('y', 20_000) });

        var entry = await LastEntryAsync(e => e.GetProperty("operationName").GetString() == "Big");
        var variables = entry.GetProperty("variables").GetString()!;
        Assert.That(variables.Length, Is.LessThan(200));
        Assert.That(variables, Does.Contain("[truncated]").And.Contain("sha256"));
    }

    [Test]
    public async Task ShouldAnswer429ToAClientOverItsRateAndToRepeatedFailedAuthentication()
    {
        await using var limited = await ApiFixture.StartAsync(o =>
        {
            o.RequestsPerSecondPerClient = 10;
            o.RequestBurstPerClient = 3;
            o.FailedAuthenticationsPerSecond = 1;
            o.FailedAuthenticationBurst = 2;
        });
        var statuses = new List<HttpStatusCode>();
        using (var client = limited.Client(Role.Investigator))
        {
            for (var i = 0; i < 8; i++)
            {
                using var content = new StringContent("{\"query\":\"{ viewer { role } }\"}", Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative), content);
                statuses.Add(response.StatusCode);
            }
        }

        Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests));
        Assert.That(statuses[0], Is.EqualTo(HttpStatusCode.OK));

        var anonymous = new List<HttpStatusCode>();
        using (var client = limited.Client(null))
        {
            for (var i = 0; i < 6; i++)
            {
                // Each with a different invented key: the limit is per address, not per presented key.
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
                {
                    Content = new StringContent("{\"query\":\"{ viewer { role } }\"}", Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"dk_000000_{i}");
                using var response = await client.SendAsync(request);
                anonymous.Add(response.StatusCode);
            }
        }

        Assert.That(anonymous.Count(s => s == HttpStatusCode.Unauthorized), Is.LessThanOrEqualTo(3));
        Assert.That(anonymous, Does.Contain(HttpStatusCode.TooManyRequests));
    }

    [TestCase("delete-tail")]
    [TestCase("delete-all")]
    [TestCase("edit-and-recompute")]
    public async Task ShouldFailVerificationWhenTheTrailWasCutOrRewritten(string tampering)
    {
        await using var api = await ApiFixture.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            await api.PostAsync(Role.Investigator, "{ viewer { role } }");
        }

        Tamper(api.AuditPath, tampering);

        var verify = await api.PostAsync(Role.Admin, "{ verifyAuditTrail { intact firstBrokenSequence reason } }");
        var v = verify.GetProperty("data").GetProperty("verifyAuditTrail");
        Assert.That(v.GetProperty("intact").GetBoolean(), Is.False, verify.ToString());
    }

    [Test]
    public async Task ShouldVerifyAnUntouchedTrailAsIntact()
    {
        await using var api = await ApiFixture.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await api.PostAsync(Role.Investigator, "{ viewer { role } }");
        }

        var verify = await api.PostAsync(Role.Admin, "{ verifyAuditTrail { intact entries reason } }");
        Assert.That(verify.GetProperty("data").GetProperty("verifyAuditTrail").GetProperty("intact").GetBoolean(), Is.True, verify.ToString());
    }

    [TestCase("4111111111111111")]
    [TestCase("4111\u00a01111\u00a01111\u00a01111")]
    [TestCase("4111\t1111/1111_1111")]
    [TestCase("\uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11")]
    [TestCase("card: 5500-0000-0000-0004 thanks")]
    public void ShouldRedactCardNumbersWithAnySeparatorsOrDigits(string text) =>
        Assert.That(SecretValues.Redact(text), Does.Contain("[redacted]").And.Not.Contain("1111").And.Not.Contain("0004"));

    [TestCase("4111111111111112")]
    [TestCase("order 12345")]
    [TestCase("c-0001")]
    public void ShouldKeepValuesThatAreNotSecrets(string text) =>
        Assert.That(SecretValues.Redact(text), Is.EqualTo(text));

    [Test]
    public void ShouldRedactACardNumberSentAsAJsonNumber()
    {
        using var document = JsonDocument.Parse("""{"n": 4111111111111111, "ok": 42}""");
        Assert.That(AuditRecorder.Redact(document.RootElement), Is.EqualTo("""{"n":"[redacted]","ok":42}"""));
    }

    private static void Tamper(string trail, string tampering)
    {
        using var connection = new SqliteConnection($"Data Source={trail};Pooling=False");
        connection.Open();
        using var drop = connection.CreateCommand();
        drop.CommandText = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'";
        var triggers = new List<string>();
        using (var reader = drop.ExecuteReader())
        {
            while (reader.Read())
            {
                triggers.Add(reader.GetString(0));
            }
        }

        foreach (var trigger in triggers)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP TRIGGER \"{trigger}\"";
            command.ExecuteNonQuery();
        }

        using var tamper = connection.CreateCommand();
        switch (tampering)
        {
            case "delete-tail":
                tamper.CommandText = "DELETE FROM audit_entries WHERE sequence > 2";
                tamper.ExecuteNonQuery();
                break;
            case "delete-all":
                tamper.CommandText = "DELETE FROM audit_entries";
                tamper.ExecuteNonQuery();
                break;
            default:
                // Edit entry 2 and recompute every hash after it, as someone who knows the chain's recipe would.
                var entries = new List<AuditEntry>();
                tamper.CommandText = "SELECT sequence, time_ticks, key_id, role, operation_name, document_hash, variables, outcome, previous_hash, hash FROM audit_entries ORDER BY sequence";
                using (var reader = tamper.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        entries.Add(new AuditEntry(reader.GetInt64(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero), reader.GetString(2), reader.GetString(3),
                            reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9)));
                    }
                }

                var previous = entries[0].Hash;
                for (var i = 1; i < entries.Count; i++)
                {
                    var edited = entries[i] with { PreviousHash = previous, Outcome = i == 1 ? "ok (rewritten)" : entries[i].Outcome };
                    edited = edited with { Hash = AuditChain.ComputeHash(edited) };
                    previous = edited.Hash;
                    using var update = connection.CreateCommand();
                    update.CommandText = "UPDATE audit_entries SET outcome = $o, previous_hash = $p, hash = $h WHERE sequence = $s";
                    update.Parameters.AddWithValue("$o", edited.Outcome);
                    update.Parameters.AddWithValue("$p", edited.PreviousHash);
                    update.Parameters.AddWithValue("$h", edited.Hash);
                    update.Parameters.AddWithValue("$s", edited.Sequence);
                    update.ExecuteNonQuery();
                }

                break;
        }
    }

    private async Task<long> CountAsync()
    {
        var result = await _api.PostAsync(Role.Admin, "{ auditEntries { totalCount } }");
        return result.GetProperty("data").GetProperty("auditEntries").GetProperty("totalCount").GetInt64();
    }

    private async Task<JsonElement> LastEntryAsync(Func<JsonElement, bool> match)
    {
        var all = new List<JsonElement>();
        string? after = null;
        while (true)
        {
            var result = await _api.PostAsync(Role.Admin,
                "query($after: String) { auditEntries(first: 500, after: $after) { nodes { operationName variables outcome } pageInfo { hasNextPage endCursor } } }",
                new { after });
            var connection = result.GetProperty("data").GetProperty("auditEntries");
            all.AddRange(connection.GetProperty("nodes").EnumerateArray());
            if (!connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }

            after = connection.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        var nodes = all.Where(match).ToArray();
        Assert.That(nodes, Is.Not.Empty, "no matching audit entry among " + all.Count);
        return nodes[^1];
    }
}
