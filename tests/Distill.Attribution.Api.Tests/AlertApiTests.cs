using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Live;
using Distill.Attribution.Domain.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Api.Tests;

/// <summary>The <c>alerts</c> query and the acknowledge / resolve mutations through the real HTTP host: paging, status filter, roles, audit.</summary>
public sealed class AlertApiTests
{
    private ApiFixture _api = null!;
    private long[] _ids = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _api = await ApiFixture.StartAsync();
        var store = _api.App.Services.GetRequiredService<IAlertStore>();
        var saved = await store.SaveAsync("run-0001",
        [
            new(Alert("c-0001", AlertKind.NewCluster, ""), true),
            new(Alert("c-0001", AlertKind.ReleasePivot, "nova-3"), true),
            new(Alert("c-0002", AlertKind.Grown, ""), true),
        ], CancellationToken.None);
        _ids = saved.Select(s => s.Alert.Id).ToArray();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _api.DisposeAsync();

    [Test]
    public async Task ShouldPageAlertsNewestFirstAndFilterByStatus()
    {
        var first = await _api.PostAsync(Role.Investigator, "{ alerts(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { id clusterId kind model status evidence { name value } } } }");
        var connection = first.GetProperty("data").GetProperty("alerts");
        Assert.That(connection.GetProperty("totalCount").GetInt32(), Is.GreaterThanOrEqualTo(3));
        var nodes = connection.GetProperty("nodes").EnumerateArray().ToArray();
        Assert.That(nodes, Has.Length.EqualTo(2));
        Assert.That(long.Parse(nodes[0].GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            Is.GreaterThan(long.Parse(nodes[1].GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean(), Is.True);
        var after = connection.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var next = await _api.PostAsync(Role.Investigator, "query($a: String) { alerts(first: 2, after: $a) { nodes { id } } }", new { a = after });
        Assert.That(next.GetProperty("data").GetProperty("alerts").GetProperty("nodes").GetArrayLength(), Is.GreaterThanOrEqualTo(1));

        var pivot = await _api.PostAsync(Role.Investigator, "{ alerts(first: 100) { nodes { id kind model } } }");
        var node = pivot.GetProperty("data").GetProperty("alerts").GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("kind").GetString() == "RELEASE_PIVOT");
        Assert.That(node.GetProperty("model").GetString(), Is.EqualTo("nova-3"));
    }

    [Test]
    public async Task ShouldLetAnAnalystAcknowledgeAndResolveButNotAnInvestigator()
    {
        var id = _ids[2].ToString(System.Globalization.CultureInfo.InvariantCulture);
        var denied = await _api.PostAsync(Role.Investigator, "mutation($id: ID!) { acknowledgeAlert(id: $id) { status } }", new { id });
        Assert.That(denied.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("FORBIDDEN"));

        var acknowledged = await _api.PostAsync(Role.Analyst, "mutation Ack($id: ID!) { acknowledgeAlert(id: $id) { status handledBy } }", new { id });
        Assert.That(acknowledged.GetProperty("data").GetProperty("acknowledgeAlert").GetProperty("status").GetString(), Is.EqualTo("ACKNOWLEDGED"), acknowledged.ToString());
        var resolved = await _api.PostAsync(Role.Analyst, "mutation Resolve($id: ID!) { resolveAlert(id: $id) { status } }", new { id });
        Assert.That(resolved.GetProperty("data").GetProperty("resolveAlert").GetProperty("status").GetString(), Is.EqualTo("RESOLVED"));
        var onlyResolved = await _api.PostAsync(Role.Investigator, "{ alerts(status: RESOLVED) { totalCount nodes { id } } }");
        Assert.That(onlyResolved.GetProperty("data").GetProperty("alerts").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()), Is.EqualTo(new[] { id }));

        var missing = await _api.PostAsync(Role.Analyst, "mutation { resolveAlert(id: \"99999\") { status } }");
        Assert.That(missing.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("NOT_FOUND"));
        var garbage = await _api.PostAsync(Role.Analyst, "mutation { resolveAlert(id: \"x1\") { status } }");
        Assert.That(garbage.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString(), Is.EqualTo("BAD_USER_INPUT"));

        var trail = await _api.PostAsync(Role.Admin, "{ auditEntries(first: 100) { nodes { operationName role outcome } } }");
        var names = trail.GetProperty("data").GetProperty("auditEntries").GetProperty("nodes").EnumerateArray()
            .Select(e => (e.GetProperty("operationName").GetString(), e.GetProperty("role").GetString())).ToArray();
        Assert.That(names, Does.Contain(("Ack", "analyst")).And.Contain(("Resolve", "analyst")));
    }

    private static LiveAlert Alert(string cluster, AlertKind kind, string subject) => new()
    {
        ClusterId = cluster,
        Kind = kind,
        Subject = subject,
        FirstRunId = "run-0001",
        RunId = "run-0001",
        RaisedAt = ApiFixture.T0,
        UpdatedAt = ApiFixture.T0,
        ObservedAt = ApiFixture.T0,
        Summary = $"{cluster} {kind}",
        Evidence = [new AlertFact("members", "5")],
    };
}
