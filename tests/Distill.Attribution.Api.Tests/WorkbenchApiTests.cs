using System.Net;
using System.Text.Json;
using Distill.Attribution.Api.Workbench;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.EvidencePacks;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Testing.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Api.Tests;

/// <summary>
/// What the investigator workbench asks of the API: the cluster graph, the members × time heatmap, model releases,
/// and the authenticated, rate-limited, audited evidence-pack download.
/// </summary>
[NonParallelizable]
public sealed class WorkbenchApiTests
{
    private ApiFixture _api = null!;
    private string _flaggedId = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _api = await ApiFixture.StartAsync();
        await using (var store = await SqliteGraphStore.OpenAsync(_api.StorePath, CancellationToken.None))
        {
            await store.WriteBatchAsync(Batches.Of(new ReleaseRecord("m-2", ApiFixture.T0.AddDays(1)), new ReleaseRecord("m-1", ApiFixture.T0.AddDays(-10))), CancellationToken.None);
        }

        var run = await _api.PostAsync(Role.Analyst, "mutation { runDetection { flaggedCount } }");
        Assert.That(run.GetProperty("data").GetProperty("runDetection").GetProperty("flaggedCount").GetInt32(), Is.GreaterThanOrEqualTo(1), run.ToString());
        var list = await _api.PostAsync(Role.Investigator, "{ clusters(flagged: true, first: 1) { nodes { id } } }");
        _flaggedId = list.GetProperty("data").GetProperty("clusters").GetProperty("nodes")[0].GetProperty("id").GetString()!;
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _api.DisposeAsync();

    [Test]
    public async Task ShouldDrawTheCampaignAsMembersSharedResourcesAndEvidenceLinks()
    {
        var result = await _api.PostAsync(Role.Investigator, """
            query($id: ID!) { cluster(id: $id) { size graph { members { id parent depth matchedIndicators } resources { kind value members outsideAccounts } links { from to rule weight } resourcesTruncated } } }
            """, new { id = _flaggedId });
        Assert.That(result.TryGetProperty("errors", out _), Is.False, result.ToString());
        var c = result.GetProperty("data").GetProperty("cluster");
        var graph = c.GetProperty("graph");
        var members = graph.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToHashSet();
        Assert.That(members, Has.Count.EqualTo(c.GetProperty("size").GetInt32()));
        Assert.That(members, Has.All.StartsWith("camp-"));
        Assert.That(graph.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("parent").ValueKind == JsonValueKind.Null), Is.EqualTo(1), "one core");
        Assert.That(graph.GetProperty("members").EnumerateArray().Any(m => m.GetProperty("matchedIndicators").GetArrayLength() > 0), Is.True);

        var resources = graph.GetProperty("resources").EnumerateArray().ToArray();
        JsonElement Resource(string kind, string value) => resources.Single(r => r.GetProperty("kind").GetString() == kind && r.GetProperty("value").GetString() == value);
        foreach (var (kind, value) in new[] { ("PAYMENT_FINGERPRINT", "pf_shared_card"), ("IP", "203.0.113.7"), ("PROMPT_FINGERPRINT", "tmpl-harvest"), ("CLIENT", "harvester/1.0") })
        {
            var r = Resource(kind, value);
            Assert.That(r.GetProperty("members").EnumerateArray().Select(m => m.GetString()), Is.EquivalentTo(members), $"{kind} {value}");
            Assert.That(r.GetProperty("outsideAccounts").GetInt32(), Is.Zero, $"{kind} {value}");
        }

        Assert.That(resources.Any(r => r.GetProperty("value").GetString() is "pf_acme_corporate" or "192.0.2.10" or "office-tool/2"), Is.False, "the office's things are not the campaign's");
        var links = graph.GetProperty("links").EnumerateArray().ToArray();
        Assert.That(links, Has.Length.GreaterThanOrEqualTo(members.Count - 1));
        Assert.That(links.All(l => members.Contains(l.GetProperty("from").GetString()!) && members.Contains(l.GetProperty("to").GetString()!)), Is.True);
        Assert.That(graph.GetProperty("resourcesTruncated").GetBoolean(), Is.False);
    }

    [Test]
    public async Task ShouldGiveTheSameGraphByMemberIndexInCompactForm()
    {
        const string Full = "members { id parent depth matchedIndicators } resources { kind value label members outsideAccounts } links { from to rule weight }";
        const string Compact = "compact { members parents depths matched { member indicators } resources { kind value label members outsideAccounts } links { rule from to weights } }";
        var result = await _api.PostAsync(Role.Investigator, $"query($id: ID!) {{ cluster(id: $id) {{ graph {{ {Full} {Compact} }} }} }}", new { id = _flaggedId });
        Assert.That(result.TryGetProperty("errors", out _), Is.False, result.ToString());
        var graph = result.GetProperty("data").GetProperty("cluster").GetProperty("graph");
        var compact = graph.GetProperty("compact");
        var ids = compact.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToArray();
        string? Id(int index) => index < 0 ? null : ids[index];

        var members = graph.GetProperty("members").EnumerateArray().ToArray();
        Assert.That(ids, Is.EqualTo(members.Select(m => m.GetProperty("id").GetString())));
        var parents = compact.GetProperty("parents").EnumerateArray().Select(p => p.GetInt32()).ToArray();
        var depths = compact.GetProperty("depths").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        var matched = compact.GetProperty("matched").EnumerateArray().ToDictionary(
            m => m.GetProperty("member").GetInt32(), m => m.GetProperty("indicators").EnumerateArray().Select(i => i.GetString()).ToArray());
        Assert.That(matched, Is.Not.Empty, "the campaign's members match the operator's indicators");
        for (var i = 0; i < members.Length; i++)
        {
            Assert.That(Id(parents[i]), Is.EqualTo(members[i].GetProperty("parent").GetString()), ids[i]);
            Assert.That(depths[i], Is.EqualTo(members[i].GetProperty("depth").GetInt32()), ids[i]);
            Assert.That(matched.GetValueOrDefault(i) ?? [], Is.EqualTo(members[i].GetProperty("matchedIndicators").EnumerateArray().Select(x => x.GetString())), ids[i]);
        }

        var resources = graph.GetProperty("resources").EnumerateArray().ToArray();
        var compactResources = compact.GetProperty("resources").EnumerateArray().ToArray();
        Assert.That(compactResources, Has.Length.EqualTo(resources.Length));
        for (var r = 0; r < resources.Length; r++)
        {
            foreach (var field in new[] { "kind", "value", "label", "outsideAccounts" })
            {
                Assert.That(compactResources[r].GetProperty(field).ToString(), Is.EqualTo(resources[r].GetProperty(field).ToString()), field);
            }

            Assert.That(compactResources[r].GetProperty("members").EnumerateArray().Select(m => Id(m.GetInt32())), Is.EqualTo(resources[r].GetProperty("members").EnumerateArray().Select(m => m.GetString())));
        }

        var links = graph.GetProperty("links").EnumerateArray().Select(l => (l.GetProperty("from").GetString(), l.GetProperty("to").GetString(), l.GetProperty("rule").GetString(), l.GetProperty("weight").GetDouble())).ToList();
        var compactLinks = compact.GetProperty("links").EnumerateArray().SelectMany(set =>
        {
            var from = set.GetProperty("from").EnumerateArray().Select(x => x.GetInt32()).ToArray();
            var to = set.GetProperty("to").EnumerateArray().Select(x => x.GetInt32()).ToArray();
            var weights = set.GetProperty("weights").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            Assert.That(to, Has.Length.EqualTo(from.Length).And.Length.EqualTo(weights.Length));
            return from.Select((f, i) => (Id(f), Id(to[i]), set.GetProperty("rule").GetString(), weights[i]));
        }).ToList();
        Assert.That(links, Is.Not.Empty);
        Assert.That(compactLinks, Is.EquivalentTo(links));
    }

    [Test]
    public async Task ShouldAnswerTheSameGraphAndTimelineAgainAndKeepEachSelectionApart()
    {
        // The graph and the timeline are kept per run (their JSON reused by the engine): a second request must get the
        // same answer, and another selection or cap of the same graph its own.
        const string Query = """
            query($id: ID!, $k: Int!) { cluster(id: $id) { graph(perKind: $k) { resourcesTruncated compact { members resources { kind value members } } }
              memberActivity(granularity: HOUR) { bucketCount rows { account requests } } } }
            """;
        var first = await _api.PostAsync(Role.Investigator, Query, new { id = _flaggedId, k = 100 });
        var second = await _api.PostAsync(Role.Investigator, Query, new { id = _flaggedId, k = 100 });
        Assert.That(first.TryGetProperty("errors", out _), Is.False, first.ToString());
        Assert.That(second.ToString(), Is.EqualTo(first.ToString()));

        var one = await _api.PostAsync(Role.Investigator, Query, new { id = _flaggedId, k = 1 });
        var resources = one.GetProperty("data").GetProperty("cluster").GetProperty("graph").GetProperty("compact").GetProperty("resources").EnumerateArray().ToArray();
        Assert.That(resources.Select(r => r.GetProperty("kind").GetString()), Is.Unique, "perKind: 1 is its own graph, not the cached perKind: 100 one");

        var idsOnly = await _api.PostAsync(Role.Investigator, "query($id: ID!) { cluster(id: $id) { graph { compact { members } } } }", new { id = _flaggedId });
        Assert.That(idsOnly.GetProperty("data").GetProperty("cluster").GetProperty("graph").GetProperty("compact").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "members" }));
    }

    [Test]
    public async Task ShouldKeepAtMostPerKindResourcesOfEachKindAndRejectZero()
    {
        // The campaign's single ASN (64500) is shared by all 12; asking for one per kind keeps exactly one of each kind.
        var result = await _api.PostAsync(Role.Investigator, "query($id: ID!) { cluster(id: $id) { graph(perKind: 1) { resources { kind } resourcesTruncated } } }", new { id = _flaggedId });
        var kinds = result.GetProperty("data").GetProperty("cluster").GetProperty("graph").GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("kind").GetString()).ToArray();
        Assert.That(kinds, Is.Unique);
        var bad = await _api.PostAsync(Role.Investigator, "query($id: ID!) { cluster(id: $id) { graph(perKind: 0) { resourcesTruncated } } }", new { id = _flaggedId });
        Assert.That(bad.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("BAD_USER_INPUT"));
    }

    [TestCase("HOUR", 3_600_000L)]
    [TestCase("DAY", 86_400_000L)]
    public async Task ShouldGiveEveryMembersRequestsPerBucket(string granularity, long width)
    {
        var result = await _api.PostAsync(Role.Investigator, """
            query($id: ID!, $g: ActivityGranularity!) { cluster(id: $id) { size memberActivity(granularity: $g) { start bucketMillis bucketCount rows { account buckets requests } } } }
            """, new { id = _flaggedId, g = granularity });
        Assert.That(result.TryGetProperty("errors", out _), Is.False, result.ToString());
        var c = result.GetProperty("data").GetProperty("cluster");
        var t = c.GetProperty("memberActivity");
        Assert.That(t.GetProperty("bucketMillis").GetInt64(), Is.EqualTo(width));
        var rows = t.GetProperty("rows").EnumerateArray().ToArray();
        Assert.That(rows, Has.Length.EqualTo(c.GetProperty("size").GetInt32()));
        var count = t.GetProperty("bucketCount").GetInt32();
        foreach (var row in rows)
        {
            var buckets = row.GetProperty("buckets").EnumerateArray().Select(b => b.GetInt32()).ToArray();
            Assert.That(buckets, Is.Ordered.And.Unique);
            Assert.That(buckets, Has.All.InRange(0, count - 1));
            Assert.That(row.GetProperty("requests").EnumerateArray().Sum(r => r.GetInt64()), Is.EqualTo(80), "each campaign account sent 80 requests");
        }

        var start = t.GetProperty("start").GetDateTimeOffset();
        Assert.That(start.ToUnixTimeMilliseconds() % width, Is.Zero);
        Assert.That(start, Is.LessThanOrEqualTo(ApiFixture.T0).And.GreaterThan(ApiFixture.T0.AddMilliseconds(-width)));
    }

    [Test]
    public async Task ShouldListModelReleasesOldestFirst()
    {
        var result = await _api.PostAsync(Role.Investigator, "{ modelReleases { model releasedAt } }");
        var releases = result.GetProperty("data").GetProperty("modelReleases").EnumerateArray().Select(r => (r.GetProperty("model").GetString(), r.GetProperty("releasedAt").GetDateTimeOffset())).ToArray();
        Assert.That(releases, Is.EqualTo(new[] { ("m-1", ApiFixture.T0.AddDays(-10)), ("m-2", ApiFixture.T0.AddDays(1)) }));
    }

    [Test]
    public async Task ShouldDownloadAVerifiablePackOnlyForLegalWithAKeyAndAuditEveryAttempt()
    {
        using (var anonymous = _api.Client(null))
        using (var noKey = await anonymous.GetAsync(new Uri($"/evidence-packs/{_flaggedId}", UriKind.Relative)))
        {
            Assert.That(noKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using (var investigator = _api.Client(Role.Investigator))
        using (var forbidden = await investigator.GetAsync(new Uri($"/evidence-packs/{_flaggedId}", UriKind.Relative)))
        {
            Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }

        using var legal = _api.Client(Role.Legal);
        using (var traversal = await legal.GetAsync(new Uri("/evidence-packs/..%2F..%2Fapi.db", UriKind.Relative)))
        {
            Assert.That(traversal.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "only the latest run's cluster ids name a pack");
        }

        var requested = await _api.PostAsync(Role.Legal, "mutation($c: ID!) { requestEvidencePack(clusterId: $c) { status } }", new { c = _flaggedId });
        Assert.That(requested.GetProperty("data").GetProperty("requestEvidencePack").GetProperty("status").GetString(), Is.EqualTo("READY"));
        using var response = await legal.GetAsync(new Uri($"/evidence-packs/{_flaggedId}", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/zip"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Does.StartWith(_flaggedId + "-").And.EndWith(".zip"));
        var downloaded = Path.Combine(Path.GetTempPath(), $"distill-download-{Guid.NewGuid():N}.zip");
        try
        {
            await File.WriteAllBytesAsync(downloaded, await response.Content.ReadAsByteArrayAsync());
            await using var services = new ServiceCollection().AddAttributionEvidencePacks().BuildServiceProvider();
            var verification = await services.GetRequiredService<IEvidencePackVerifier>().VerifyAsync(downloaded, CancellationToken.None);
            Assert.That(verification.Problems, Is.Empty);
        }
        finally
        {
            File.Delete(downloaded);
        }

        var audit = await _api.PostAsync(Role.Admin, "{ auditEntries(first: 100) { nodes { role operationName variables outcome } } }");
        var downloads = audit.GetProperty("data").GetProperty("auditEntries").GetProperty("nodes").EnumerateArray()
            .Where(e => e.GetProperty("operationName").GetString() == "DownloadEvidencePack").ToArray();
        Assert.That(downloads.Select(e => e.GetProperty("outcome").GetString()), Is.EquivalentTo(new[] { "unauthenticated: no key", "error: FORBIDDEN", "error: NOT_FOUND", "ok" }));
        Assert.That(downloads.Last().GetProperty("variables").GetString(), Does.Contain(_flaggedId));
        Assert.That(downloads.Last().GetProperty("role").GetString(), Is.EqualTo("legal"));
    }

    [Test]
    public async Task ShouldRefuseTheDownloadsOfAKeyOverItsRate()
    {
        using var admin = _api.Client(Role.Admin);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= EvidencePackDownloadEndpoint.PermitsPerMinute; i++)
        {
            // An id that is not in the run: each attempt is cheap and still counts against the key's rate.
            using var response = await admin.GetAsync(new Uri("/evidence-packs/c-none", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses.Take(EvidencePackDownloadEndpoint.PermitsPerMinute), Has.All.EqualTo(HttpStatusCode.NotFound));
        Assert.That(statuses[^1], Is.EqualTo((HttpStatusCode)429));
    }
}
