using System.Net;
using System.Text.Json;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.EvidencePacks;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Api.Tests;

/// <summary>The investigator API through the real HTTP host: authentication, every query and mutation, roles, validation, audit.</summary>
[NonParallelizable]
public sealed class InvestigatorApiTests
{
    private ApiFixture _api = null!;
    private string _flaggedId = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _api = await ApiFixture.StartAsync();
        var run = await _api.PostAsync(Role.Analyst, "mutation { runDetection { id clusterCount flaggedCount membershipHash } }");
        Assert.That(run.GetProperty("data").ValueKind, Is.EqualTo(JsonValueKind.Object), run.ToString());
        Assert.That(run.GetProperty("data").GetProperty("runDetection").GetProperty("flaggedCount").GetInt32(), Is.GreaterThanOrEqualTo(1), run.ToString());
        var list = await _api.PostAsync(Role.Investigator, "{ clusters(flagged: true, first: 1) { nodes { id } } }");
        _flaggedId = list.GetProperty("data").GetProperty("clusters").GetProperty("nodes")[0].GetProperty("id").GetString()!;
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _api.DisposeAsync();

    [Test]
    public async Task ShouldAnswer401WithoutAKeyOrWithAWrongKey()
    {
        using var none = _api.Client(null);
        using var body = new StringContent("{\"query\":\"{ viewer { role } }\"}", System.Text.Encoding.UTF8, "application/json");
        using var response = await none.PostAsync(new Uri("/graphql", UriKind.Relative), body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        using var wrong = _api.Client(null);
        wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "dk_000000000000_notarealkey");
        using var body2 = new StringContent("{\"query\":\"{ viewer { role } }\"}", System.Text.Encoding.UTF8, "application/json");
        using var response2 = await wrong.PostAsync(new Uri("/graphql", UriKind.Relative), body2);
        Assert.That(response2.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response2.Content.ReadAsStringAsync(), Does.Not.Contain("notarealkey"));
    }

    [Test]
    public async Task ShouldServeTheBrowserPageWithoutAKey()
    {
        using var client = _api.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
    }

    [Test]
    public async Task ShouldReportLiveAndReady()
    {
        using var client = _api.Client(null);
        Assert.That((await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await ready.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("\"status\":\"ready\""));
        Assert.That(body, Does.Contain("\"sqlite\":\"ready: "), "the store the host was composed with, by name");
        Assert.That(body, Does.Not.Contain("neo4j"), "and only that one");
    }

    [Test]
    public async Task ShouldListFlaggedClustersAndPageThroughAllClusters()
    {
        var all = await _api.PostAsync(Role.Investigator, "{ clusters(first: 100) { totalCount nodes { id riskScore } } }");
        var total = all.GetProperty("data").GetProperty("clusters").GetProperty("totalCount").GetInt32();
        Assert.That(total, Is.GreaterThanOrEqualTo(2), "the campaign and the office team");

        var seen = new List<string>();
        string? after = null;
        for (var guard = 0; guard < 100; guard++)
        {
            var page = await _api.PostAsync(Role.Investigator, "query($after: String) { clusters(first: 1, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }", new { after });
            var clusters = page.GetProperty("data").GetProperty("clusters");
            foreach (var edge in clusters.GetProperty("edges").EnumerateArray())
            {
                seen.Add(edge.GetProperty("node").GetProperty("id").GetString()!);
            }

            if (!clusters.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                break;
            }

            after = clusters.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        Assert.That(seen, Has.Count.EqualTo(total));
        Assert.That(seen, Is.Unique);
        var risks = all.GetProperty("data").GetProperty("clusters").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("riskScore").GetDouble()).ToArray();
        Assert.That(risks, Is.Ordered.Descending);
    }

    [Test]
    public async Task ShouldFilterClustersByOperatorSignalAndRisk()
    {
        var result = await _api.PostAsync(Role.Investigator,
            "{ byOp: clusters(operatorId: \"op-test\") { nodes { id operator { id } } } low: clusters(maxRisk: 0.01, flagged: true) { totalCount } bySignal: clusters(signal: CAPABILITY_CONCENTRATION) { nodes { id } } }");
        var data = result.GetProperty("data");
        Assert.That(data.GetProperty("byOp").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()), Does.Contain(_flaggedId));
        Assert.That(data.GetProperty("low").GetProperty("totalCount").GetInt32(), Is.Zero);
        Assert.That(data.GetProperty("bySignal").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()), Does.Contain(_flaggedId));
    }

    [Test]
    public async Task ShouldShowAClusterWithMembersChainsOperatorAndInfrastructure()
    {
        var result = await _api.PostAsync(Role.Investigator, """
            query($id: ID!) { cluster(id: $id) {
              id riskScore flagged size
              operator { id name confidence matchedIndicators { kind value confidence } }
              originalOperator { id coverage through { sourceClusterId ridingMembers } }
              features { capabilityConcentration templateConcentration paymentSharing harvestSynchrony }
              members(first: 50) { totalCount nodes { id } }
              evidenceChains(first: 50) { totalCount nodes { account { id } depth links { rule weight provenance { kind value } } } }
              counterEvidence { kind summary } lineage { kind parents }
              activity(granularity: DAY) { start model capability requests }
              sharedInfrastructure { kind value insideAccounts outsideAccounts }
              verdicts { verdict }
            } }
            """, new { id = _flaggedId });
        Assert.That(result.TryGetProperty("errors", out _), Is.False, result.ToString());
        var c = result.GetProperty("data").GetProperty("cluster");
        Assert.That(c.GetProperty("flagged").GetBoolean(), Is.True);
        Assert.That(c.GetProperty("features").GetProperty("harvestSynchrony").GetDouble(), Is.InRange(0.0, 1.0));
        Assert.That(c.GetProperty("operator").GetProperty("id").GetString(), Is.EqualTo("op-test"));
        Assert.That(c.GetProperty("originalOperator").GetProperty("coverage").GetDouble(), Is.EqualTo(1.0), "every member used the indicated template");
        Assert.That(c.GetProperty("originalOperator").GetProperty("through").ValueKind, Is.EqualTo(JsonValueKind.Null), "named by an indicator, not through shared infrastructure");
        Assert.That(c.GetProperty("operator").GetProperty("matchedIndicators").EnumerateArray().Select(i => i.GetProperty("value").GetString()), Does.Contain("tmpl-harvest"));
        var members = c.GetProperty("members").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToArray();
        Assert.That(members, Has.All.StartsWith("camp-"), "no independent user is in the campaign's cluster");
        Assert.That(c.GetProperty("evidenceChains").GetProperty("totalCount").GetInt32(), Is.EqualTo(c.GetProperty("size").GetInt32()));
        var chainLinks = c.GetProperty("evidenceChains").GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("depth").GetInt32() > 0).ToArray();
        Assert.That(chainLinks, Is.Not.Empty);
        Assert.That(chainLinks.All(n => n.GetProperty("links").GetArrayLength() > 0), Is.True);
        Assert.That(c.GetProperty("activity").GetArrayLength(), Is.GreaterThan(0));
        var shared = c.GetProperty("sharedInfrastructure").EnumerateArray().ToArray();
        Assert.That(shared.Any(s => s.GetProperty("kind").GetString() == "PAYMENT_FINGERPRINT" && s.GetProperty("value").GetString() == "pf_shared_card"
            && s.GetProperty("outsideAccounts").GetInt32() == 0), Is.True);
    }

    [Test]
    public async Task ShouldShowAnAccountWithClusterPaymentsIpsAndStatistics()
    {
        var result = await _api.PostAsync(Role.Investigator,
            "{ account(id: \"camp-03\") { id cluster { id } emailDomain payments { fingerprint } ips { ip asn sessions requests } requestStats { requests inputTokens byModel { name count } byCapability { name count } } } missing: account(id: \"nobody\") { id } }");
        var a = result.GetProperty("data").GetProperty("account");
        Assert.That(a.GetProperty("cluster").GetProperty("id").GetString(), Is.EqualTo(_flaggedId));
        Assert.That(a.GetProperty("payments")[0].GetProperty("fingerprint").GetString(), Is.EqualTo("pf_shared_card"));
        Assert.That(a.GetProperty("ips")[0].GetProperty("ip").GetString(), Is.EqualTo("203.0.113.7"));
        Assert.That(a.GetProperty("ips")[0].GetProperty("requests").GetInt64(), Is.EqualTo(80));
        Assert.That(a.GetProperty("requestStats").GetProperty("requests").GetInt64(), Is.EqualTo(80));
        Assert.That(a.GetProperty("requestStats").GetProperty("byCapability")[0].GetProperty("name").GetString(), Is.EqualTo("reasoning_cot"));
        Assert.That(result.GetProperty("data").GetProperty("missing").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase("IP", "203.0.113.7", 12)]
    [TestCase("PAYMENT_FINGERPRINT", "pf_shared_card", 12)]
    [TestCase("EMAIL_DOMAIN", "home3.test", 1)]
    [TestCase("CLIENT", "harvester/1.0", 12)]
    [TestCase("PROMPT_FINGERPRINT", "tmpl-harvest", 12)]
    [TestCase("IP", "192.0.2.99", 0)]
    public async Task ShouldLookUpAccountsAndClustersByValue(string kind, string value, int accounts)
    {
        var result = await _api.PostAsync(Role.Investigator,
            $"query($v: String!) {{ lookup(kind: {kind}, value: $v, first: 50) {{ accounts {{ totalCount nodes {{ id }} }} clusters {{ nodes {{ id }} }} truncated }} }}", new { v = value });
        var lookup = result.GetProperty("data").GetProperty("lookup");
        Assert.That(lookup.GetProperty("accounts").GetProperty("totalCount").GetInt32(), Is.EqualTo(accounts), result.ToString());
        if (accounts == 12)
        {
            Assert.That(lookup.GetProperty("clusters").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()), Does.Contain(_flaggedId));
        }
    }

    [Test]
    public async Task ShouldListOperatorsAndRuns()
    {
        var result = await _api.PostAsync(Role.Investigator,
            "{ operators { totalCount nodes { id name clusterCount clusters { nodes { id } } } } runs { totalCount nodes { id parametersHash membershipHash inputHash parameters clusterCount } } }");
        var ops = result.GetProperty("data").GetProperty("operators").GetProperty("nodes").EnumerateArray().ToArray();
        Assert.That(ops[0].GetProperty("id").GetString(), Is.EqualTo("op-test"));
        Assert.That(ops.Select(o => o.GetProperty("id").GetString()), Does.Contain("op-other"), "known operators without clusters are listed too");
        var runs = result.GetProperty("data").GetProperty("runs");
        Assert.That(runs.GetProperty("totalCount").GetInt32(), Is.GreaterThanOrEqualTo(1));
        Assert.That(runs.GetProperty("nodes")[0].GetProperty("parameters").GetProperty("FlagThreshold").GetDouble(), Is.EqualTo(0.5));
    }

    private static readonly string[] Mutations =
    [
        "mutation($c: ID!) { recordVerdict(clusterId: $c, verdict: NEEDS_REVIEW, note: \"role test\") { id } }",
        "mutation($c: ID!) { overrideOperator(clusterId: $c, operatorId: \"op-test\", reason: \"role test\") { id } }",
        "mutation($c: ID!) { requestEvidencePack(clusterId: $c) { status } }",
        "mutation { createApiKey(role: INVESTIGATOR, label: \"role test\") { keyId } }",
        "mutation { runDetection { id } }",
    ];

    // The lowest role allowed each mutation above, in the same order.
    private static readonly Role[] Minimum = [Role.Analyst, Role.Analyst, Role.Legal, Role.Admin, Role.Analyst];

    private static IEnumerable<TestCaseData> RoleMatrix() =>
        from m in Enumerable.Range(0, Mutations.Length)
        from role in Enum.GetValues<Role>()
        select new TestCaseData(m, role).SetName($"ShouldAllowOrForbidMutation{m}For{role}");

    [TestCaseSource(nameof(RoleMatrix))]
    public async Task ShouldAllowEachMutationOnlyToItsRoles(int mutation, Role role)
    {
        var result = await _api.PostAsync(role, Mutations[mutation], new { c = _flaggedId });
        if (role >= Minimum[mutation])
        {
            Assert.That(result.TryGetProperty("errors", out _), Is.False, result.ToString());
        }
        else
        {
            Assert.That(result.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("FORBIDDEN"));
            Assert.That(result.GetProperty("data").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }
    }

    [Test]
    public async Task ShouldKeepTheOriginalOperatorVisibleAfterAnOverride()
    {
        var result = await _api.PostAsync(Role.Analyst,
            "mutation($c: ID!) { overrideOperator(clusterId: $c, operatorId: \"op-other\", reason: \"shared infrastructure with op-other\") { operator { id overridden overrideReason coverage } originalOperator { id overridden } operatorOverrides { originalOperatorId operatorId } } }",
            new { c = _flaggedId });
        var c = result.GetProperty("data").GetProperty("overrideOperator");
        Assert.That(c.GetProperty("operator").GetProperty("id").GetString(), Is.EqualTo("op-other"));
        Assert.That(c.GetProperty("operator").GetProperty("overridden").GetBoolean(), Is.True);
        Assert.That(c.GetProperty("operator").GetProperty("coverage").ValueKind, Is.EqualTo(JsonValueKind.Null), "an override has no detector coverage");
        Assert.That(c.GetProperty("originalOperator").GetProperty("id").GetString(), Is.EqualTo("op-test"));
        Assert.That(c.GetProperty("operatorOverrides").EnumerateArray().Last().GetProperty("originalOperatorId").GetString(), Is.EqualTo("op-test"));
        await _api.PostAsync(Role.Analyst, "mutation($c: ID!) { overrideOperator(clusterId: $c, operatorId: \"op-test\", reason: \"back to the detector's\") { id } }", new { c = _flaggedId });
    }

    [Test]
    public async Task ShouldRecordAVerdictAndShowItOnTheCluster()
    {
        var recorded = await _api.PostAsync(Role.Analyst, "mutation($c: ID!) { recordVerdict(clusterId: $c, verdict: CONFIRMED, note: \"same card, same template\") { id verdict role keyId } }", new { c = _flaggedId });
        Assert.That(recorded.GetProperty("data").GetProperty("recordVerdict").GetProperty("role").GetString(), Is.EqualTo("analyst"));
        var cluster = await _api.PostAsync(Role.Investigator, "query($c: ID!) { cluster(id: $c) { verdicts { verdict note } } }", new { c = _flaggedId });
        var verdicts = cluster.GetProperty("data").GetProperty("cluster").GetProperty("verdicts").EnumerateArray().ToArray();
        Assert.That(verdicts.Any(v => v.GetProperty("verdict").GetString() == "CONFIRMED" && v.GetProperty("note").GetString() == "same card, same template"), Is.True);
    }

    [Test]
    public async Task ShouldWriteAVerifiableEvidencePackForAFlaggedClusterWhenLegalAsks()
    {
        var result = await _api.PostAsync(Role.Legal, "mutation($c: ID!) { requestEvidencePack(clusterId: $c) { status location message } }", new { c = _flaggedId });
        var pack = result.GetProperty("data").GetProperty("requestEvidencePack");
        Assert.That(pack.GetProperty("status").GetString(), Is.EqualTo("READY"));
        var location = pack.GetProperty("location").GetString()!;
        Assert.That(File.Exists(location), Is.True, location);
        await using var services = new ServiceCollection().AddAttributionEvidencePacks().BuildServiceProvider();
        var verification = await services.GetRequiredService<IEvidencePackVerifier>().VerifyAsync(location, CancellationToken.None);
        Assert.That(verification.Problems, Is.Empty);
    }

    [TestCase("{ clusters(first: 0) { totalCount } }", "first")]
    [TestCase("{ clusters(first: 10, after: \"garbage\") { totalCount } }", "after")]
    [TestCase("{ clusters(minRisk: 0.9, maxRisk: 0.1) { totalCount } }", "maxRisk")]
    [TestCase("mutation { overrideOperator(clusterId: \"c-0001\", operatorId: \"op-x\", reason: \"\") { id } }", "reason")]
    [TestCase("mutation { runDetection(parameters: {NoSuchParameter: 1}) { id } }", "parameters")]
    [TestCase("mutation { runDetection(parameters: {FlagThreshold: 3}) { id } }", "parameters.FlagThreshold")]
    [TestCase("{ lookup(kind: IP, value: \"\") { truncated } }", "value")]
    public async Task ShouldReturnFieldLevelErrorsForInvalidInput(string query, string field)
    {
        var result = await _api.PostAsync(Role.Admin, query);
        var error = result.GetProperty("errors")[0];
        Assert.That(error.GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("BAD_USER_INPUT"), result.ToString());
        var fields = error.GetProperty("extensions").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()).ToArray();
        Assert.That(fields, Does.Contain(field));
    }

    [Test]
    public async Task ShouldAnswerNotFoundForAnUnknownClusterInAMutationAndNullInAQuery()
    {
        var mutation = await _api.PostAsync(Role.Analyst, "mutation { recordVerdict(clusterId: \"c-9999\", verdict: DISMISSED) { id } }");
        Assert.That(mutation.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("NOT_FOUND"));
        var query = await _api.PostAsync(Role.Investigator, "{ cluster(id: \"c-9999\") { id } }");
        Assert.That(query.GetProperty("data").GetProperty("cluster").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task ShouldLetOnlyAdminsReadTheAuditTrail()
    {
        var denied = await _api.PostAsync(Role.Legal, "{ auditEntries { totalCount } }");
        Assert.That(denied.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("FORBIDDEN"));
    }

    [Test]
    public async Task ShouldAuditEveryRequestInAnIntactChainWithSecretsRedacted()
    {
        using (var none = _api.Client(null))
        using (var body = new StringContent("{\"query\":\"query Anon { viewer { role } }\",\"operationName\":\"Anon\"}", System.Text.Encoding.UTF8, "application/json"))
        {
            await none.PostAsync(new Uri("/graphql", UriKind.Relative), body);
        }

        await _api.PostAsync(Role.Investigator, "query Secretive($apiKey: String!) { lookup(kind: CLIENT, value: $apiKey) { truncated } }", new { apiKey = "dk_should_not_appear" });
        var count = await _api.PostAsync(Role.Admin, "{ auditEntries(first: 1) { totalCount } }");
        var total = count.GetProperty("data").GetProperty("auditEntries").GetProperty("totalCount").GetInt32();
        // The last 20 entries: the cursor of position total - 21 (cursors are positions); all of them when the test runs alone.
        var after = total > 21 ? Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("o:" + (total - 21))) : null;
        var trail = await _api.PostAsync(Role.Admin, "query($after: String) { verifyAuditTrail { intact entries } auditEntries(first: 100, after: $after) { totalCount nodes { sequence keyId role operationName variables outcome } } }", new { after });
        var verify = trail.GetProperty("data").GetProperty("verifyAuditTrail");
        Assert.That(verify.GetProperty("intact").GetBoolean(), Is.True);
        var entries = trail.GetProperty("data").GetProperty("auditEntries").GetProperty("nodes").EnumerateArray().ToArray();
        Assert.That(entries.Any(e => e.GetProperty("operationName").GetString() == "Anon" && e.GetProperty("outcome").GetString()!.StartsWith("unauthenticated", StringComparison.Ordinal)), Is.True);
        var secretive = entries.Single(e => e.GetProperty("operationName").GetString() == "Secretive");
        Assert.That(secretive.GetProperty("role").GetString(), Is.EqualTo("investigator"));
        Assert.That(secretive.GetProperty("variables").GetString(), Does.Not.Contain("dk_should_not_appear"));
        Assert.That(entries, Has.Length.EqualTo(Math.Min(total + 1, 21)), "the last 20 before counting, and the counting request itself (audited after it ran)");
    }

    [Test]
    public async Task ShouldKeepOneUnbrokenChainUnderConcurrentRequests()
    {
        var before = await _api.PostAsync(Role.Admin, "{ verifyAuditTrail { intact entries } }");
        var start = before.GetProperty("data").GetProperty("verifyAuditTrail").GetProperty("entries").GetInt64();
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => _api.PostAsync((Role)(1 + (i % 4)), "{ viewer { role } }")));
        var after = await _api.PostAsync(Role.Admin, "{ verifyAuditTrail { intact entries } }");
        var v = after.GetProperty("data").GetProperty("verifyAuditTrail");
        Assert.That(v.GetProperty("intact").GetBoolean(), Is.True);
        // 24 concurrent requests and the first verification, each one entry: the chain never forked or lost one.
        Assert.That(v.GetProperty("entries").GetInt64(), Is.EqualTo(start + 25));
    }
}
