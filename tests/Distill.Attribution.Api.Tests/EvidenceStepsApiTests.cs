using System.Text.Json;
using Distill.Attribution.Domain.Access;

namespace Distill.Attribution.Api.Tests;

/// <summary>
/// <c>Cluster.evidenceSteps</c>, <c>evidenceStep</c>, <c>EvidenceStep.link</c> and <c>EvidenceLink.provenanceRecords</c>:
/// the evidence tree with each step once, a member's chain as its ancestors, and records a page at a time; checked
/// against the (deprecated) <c>evidenceChains</c>, which says the same thing at length.
/// </summary>
[NonParallelizable]
public sealed class EvidenceStepsApiTests
{
    private const string StepFields = "account parent depth matchedIndicators links { rule weight from to summary provenanceCount }";
    private ApiFixture _api = null!;
    private string _flaggedId = null!;
    private string _unflaggedId = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _api = await ApiFixture.StartAsync();
        var run = await _api.PostAsync(Role.Analyst, "mutation { runDetection { flaggedCount } }");
        Assert.That(run.GetProperty("data").GetProperty("runDetection").GetProperty("flaggedCount").GetInt32(), Is.GreaterThanOrEqualTo(1), run.ToString());
        var list = await _api.PostAsync(Role.Investigator, "{ f: clusters(flagged: true, first: 1) { nodes { id } } u: clusters(flagged: false, first: 1) { nodes { id } } }");
        _flaggedId = list.GetProperty("data").GetProperty("f").GetProperty("nodes")[0].GetProperty("id").GetString()!;
        _unflaggedId = list.GetProperty("data").GetProperty("u").GetProperty("nodes")[0].GetProperty("id").GetString()!;
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _api.DisposeAsync();

    [Test]
    public async Task ShouldSendEveryStepOnceTheCoreFirstThenByDepth()
    {
        var head = Data(await _api.PostAsync(Role.Investigator, "query($id: ID!) { cluster(id: $id) { size evidenceRoot } }", new { id = _flaggedId })).GetProperty("cluster");
        var steps = await AllStepsAsync(null, first: 3);
        var again = await AllStepsAsync(null, first: 3);
        Assert.That(again.Select(s => s.ToString()), Is.EqualTo(steps.Select(s => s.ToString())), "a step's JSON, reused on the second request, is the same");

        Assert.That(steps, Has.Count.EqualTo(head.GetProperty("size").GetInt32()), "one step per member");
        Assert.That(steps.Select(s => s.GetProperty("account").GetString()), Is.Unique);
        Assert.That(steps[0].GetProperty("account").GetString(), Is.EqualTo(head.GetProperty("evidenceRoot").GetString()));
        Assert.That(steps[0].GetProperty("parent").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(steps[0].GetProperty("depth").GetInt32(), Is.Zero);
        var depths = steps.Select(s => s.GetProperty("depth").GetInt32() < 0 ? int.MaxValue : s.GetProperty("depth").GetInt32()).ToArray();
        Assert.That(depths, Is.Ordered, "by depth, unlinked members last");
        Assert.That(depths.Any(d => d > 0 && d < int.MaxValue), Is.True, "the campaign's tree has linked members");
        var seen = new HashSet<string>();
        foreach (var step in steps)
        {
            if (step.GetProperty("parent").GetString() is { } parent)
            {
                Assert.That(seen, Does.Contain(parent), "a step's parent comes before it");
                Assert.That(step.GetProperty("links").GetArrayLength(), Is.GreaterThan(0), "a linked step says why");
            }

            seen.Add(step.GetProperty("account").GetString()!);
        }
    }

    [Test]
    public async Task ShouldGiveAMembersChainAsItsAncestorsWithTheOldChainsLinksAndRecords()
    {
        var steps = await AllStepsAsync(null, first: 100);
        var deepest = steps.MaxBy(s => s.GetProperty("depth").GetInt32());
        var member = deepest.GetProperty("account").GetString()!;
        var depth = deepest.GetProperty("depth").GetInt32();
        Assert.That(depth, Is.GreaterThan(0));

        var chain = await AllStepsAsync(member, first: 1);
        Assert.That(chain, Has.Count.EqualTo(depth + 1), "the member's step and one per level up to the core");
        Assert.That(chain[0].GetProperty("account").GetString(), Is.EqualTo(member));
        for (var i = 0; i + 1 < chain.Count; i++)
        {
            Assert.That(chain[i].GetProperty("parent").GetString(), Is.EqualTo(chain[i + 1].GetProperty("account").GetString()));
        }

        Assert.That(chain[^1].GetProperty("parent").ValueKind, Is.EqualTo(JsonValueKind.Null), "ends at the core");

        // The same steps, links and records as the deprecated chain of that member.
        var old = (await OldChainAsync(member)).GetProperty("steps").EnumerateArray().ToArray();
        Assert.That(chain.Select(s => s.GetProperty("account").GetString()), Is.EqualTo(old.Select(s => s.GetProperty("account").GetString())));
        var linked = chain[0].GetProperty("links").EnumerateArray().ToArray();
        var oldLinks = old[0].GetProperty("links").EnumerateArray().ToArray();
        Assert.That(linked.Select(l => (l.GetProperty("rule").GetString(), l.GetProperty("weight").GetDouble(), l.GetProperty("summary").GetString())),
            Is.EqualTo(oldLinks.Select(l => (l.GetProperty("rule").GetString(), l.GetProperty("weight").GetDouble(), l.GetProperty("summary").GetString()))));
        Assert.That(linked.Select(l => l.GetProperty("provenanceCount").GetInt32()), Is.EqualTo(oldLinks.Select(l => l.GetProperty("provenance").GetArrayLength())));

        // Every record of the member's first link, a page of one at a time, down to the request ids.
        var records = await AllRecordsAsync(member, 0);
        Assert.That(records, Is.EqualTo(oldLinks[0].GetProperty("provenance").EnumerateArray().Select(p => p.ToString()).ToArray()));
        Assert.That(records, Is.Not.Empty);
    }

    [Test]
    public async Task ShouldCountAndPageTheRecordsOfEveryLinkOfAStep()
    {
        var member = (await AllStepsAsync(null, first: 100)).First(s => s.GetProperty("links").GetArrayLength() > 0).GetProperty("account").GetString()!;
        var step = Data(await _api.PostAsync(Role.Investigator, """
            query($id: ID!, $a: ID!) { cluster(id: $id) { evidenceStep(account: $a) { account links { provenanceCount provenance { kind } provenanceRecords(first: 2) { totalCount pageInfo { hasNextPage } nodes { kind account } } } } } }
            """, new { id = _flaggedId, a = member })).GetProperty("cluster").GetProperty("evidenceStep");
        Assert.That(step.GetProperty("account").GetString(), Is.EqualTo(member));
        foreach (var link in step.GetProperty("links").EnumerateArray())
        {
            var count = link.GetProperty("provenanceCount").GetInt32();
            var page = link.GetProperty("provenanceRecords");
            Assert.That(count, Is.EqualTo(link.GetProperty("provenance").GetArrayLength()));
            Assert.That(page.GetProperty("totalCount").GetInt32(), Is.EqualTo(count));
            Assert.That(page.GetProperty("nodes").GetArrayLength(), Is.EqualTo(Math.Min(2, count)));
            Assert.That(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean(), Is.EqualTo(count > 2));
        }
    }

    [Test]
    public async Task ShouldAnswerNothingForAStepThatDoesNotExist()
    {
        var member = (await AllStepsAsync(null, first: 100)).First(s => s.GetProperty("links").GetArrayLength() > 0).GetProperty("account").GetString()!;
        var result = Data(await _api.PostAsync(Role.Investigator, """
            query($id: ID!, $u: ID!, $a: ID!) {
              f: cluster(id: $id) { nobody: evidenceSteps(ancestorsOf: "nobody") { totalCount nodes { account } } missing: evidenceStep(account: "nobody") { account }
                step: evidenceStep(account: $a) { below: link(index: -1) { rule } beyond: link(index: 99) { rule } first: link(index: 0) { rule } } }
              u: cluster(id: $u) { flagged evidenceSteps { totalCount } evidenceStep(account: $a) { account } }
            }
            """, new { id = _flaggedId, u = _unflaggedId, a = member }));
        var f = result.GetProperty("f");
        Assert.That(f.GetProperty("nobody").GetProperty("totalCount").GetInt32(), Is.Zero);
        Assert.That(f.GetProperty("missing").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(f.GetProperty("step").GetProperty("below").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(f.GetProperty("step").GetProperty("beyond").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(f.GetProperty("step").GetProperty("first").GetProperty("rule").GetString(), Is.Not.Empty);
        var u = result.GetProperty("u");
        Assert.That(u.GetProperty("flagged").GetBoolean(), Is.False);
        Assert.That(u.GetProperty("evidenceSteps").GetProperty("totalCount").GetInt32(), Is.Zero, "unflagged clusters have no evidence tree");
        Assert.That(u.GetProperty("evidenceStep").ValueKind, Is.EqualTo(JsonValueKind.Null), "nor a step of another cluster's member");
    }

    [Test]
    public async Task ShouldRefuseTooLargePagesAndSelectionsThatWouldCostTooMuch()
    {
        var tooLarge = await _api.PostAsync(Role.Investigator, "query($id: ID!) { cluster(id: $id) { evidenceSteps(first: 101) { totalCount } } }", new { id = _flaggedId });
        Assert.That(tooLarge.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("BAD_USER_INPUT"), tooLarge.ToString());
        var badCursor = await _api.PostAsync(Role.Investigator, "query($id: ID!) { cluster(id: $id) { evidenceSteps(after: \"nonsense\") { totalCount } } }", new { id = _flaggedId });
        Assert.That(badCursor.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("BAD_USER_INPUT"), badCursor.ToString());
        // 100 steps × their links × 100 records each is refused before anything runs.
        var costly = await _api.PostAsync(Role.Investigator, """
            query($id: ID!) { cluster(id: $id) { evidenceSteps(first: 100) { nodes { links { provenanceRecords(first: 100) { nodes { kind account value requestId firstSeen lastSeen count } } } } } } }
            """, new { id = _flaggedId });
        Assert.That(costly.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("MAX_COST_EXCEEDED"), costly.ToString());
        Assert.That(costly.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object, Is.False);
    }

    [Test]
    public async Task ShouldMarkEvidenceChainsDeprecatedAndStillServeThem()
    {
        var result = Data(await _api.PostAsync(Role.Investigator, """
            query($id: ID!) { __type(name: "Cluster") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } cluster(id: $id) { evidenceChains(first: 1) { totalCount } } }
            """, new { id = _flaggedId }));
        var fields = result.GetProperty("__type").GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.That(fields["evidenceChains"].GetProperty("isDeprecated").GetBoolean(), Is.True);
        Assert.That(fields["evidenceChains"].GetProperty("deprecationReason").GetString(), Does.Contain("evidenceSteps"));
        Assert.That(fields["evidenceSteps"].GetProperty("isDeprecated").GetBoolean(), Is.False);
        Assert.That(result.GetProperty("cluster").GetProperty("evidenceChains").GetProperty("totalCount").GetInt32(), Is.GreaterThan(0));
    }

    private static JsonElement Data(JsonElement result)
    {
        Assert.That(result.TryGetProperty("errors", out _), Is.False, result.ToString());
        return result.GetProperty("data");
    }

    /// <summary>The deprecated chain of <paramref name="member"/> (five chains a page: more would exceed the cost limit).</summary>
    private async Task<JsonElement> OldChainAsync(string member)
    {
        string? after = null;
        for (var guard = 0; guard < 100; guard++)
        {
            var page = Data(await _api.PostAsync(Role.Investigator, """
                query($id: ID!, $after: String) { cluster(id: $id) { evidenceChains(first: 5, after: $after) { pageInfo { hasNextPage endCursor }
                  nodes { account { id } steps { account parent depth links { rule weight from to summary provenance { kind account value requestId firstSeen count } } } } } } }
                """, new { id = _flaggedId, after })).GetProperty("cluster").GetProperty("evidenceChains");
            foreach (var chain in page.GetProperty("nodes").EnumerateArray())
            {
                if (chain.GetProperty("account").GetProperty("id").GetString() == member)
                {
                    return chain;
                }
            }

            Assert.That(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean(), Is.True, $"no chain of {member}");
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        throw new AssertionException("evidenceChains never ended");
    }

    /// <summary>Every step of the tree (or of one member's chain), page after page of <paramref name="first"/>.</summary>
    private async Task<List<JsonElement>> AllStepsAsync(string? ancestorsOf, int first)
    {
        var steps = new List<JsonElement>();
        string? after = null;
        for (var guard = 0; guard < 1000; guard++)
        {
            var page = Data(await _api.PostAsync(Role.Investigator, $$"""
                query($id: ID!, $first: Int, $after: String, $of: ID) { cluster(id: $id) { evidenceSteps(first: $first, after: $after, ancestorsOf: $of) {
                  totalCount pageInfo { hasNextPage endCursor } nodes { {{StepFields}} } } } }
                """, new { id = _flaggedId, first, after, of = ancestorsOf })).GetProperty("cluster").GetProperty("evidenceSteps");
            var nodes = page.GetProperty("nodes").EnumerateArray().ToArray();
            Assert.That(nodes, Has.Length.LessThanOrEqualTo(first));
            steps.AddRange(nodes);
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                Assert.That(steps, Has.Count.EqualTo(page.GetProperty("totalCount").GetInt32()));
                return steps;
            }

            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        throw new AssertionException("evidenceSteps never ended");
    }

    /// <summary>The records of link <paramref name="link"/> of a member's step, one per request, as JSON text.</summary>
    private async Task<List<string>> AllRecordsAsync(string member, int link)
    {
        var records = new List<string>();
        string? after = null;
        for (var guard = 0; guard < 1000; guard++)
        {
            var page = Data(await _api.PostAsync(Role.Investigator, """
                query($id: ID!, $a: ID!, $i: Int!, $after: String) { cluster(id: $id) { evidenceStep(account: $a) { link(index: $i) {
                  provenanceRecords(first: 1, after: $after) { pageInfo { hasNextPage endCursor } nodes { kind account value requestId firstSeen count } } } } } }
                """, new { id = _flaggedId, a = member, i = link, after })).GetProperty("cluster").GetProperty("evidenceStep").GetProperty("link").GetProperty("provenanceRecords");
            records.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.ToString()));
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                return records;
            }

            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        throw new AssertionException("provenanceRecords never ended");
    }
}
