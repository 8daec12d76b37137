using System.Net;
using System.Text.Json;
using Distill.Attribution.Embedding.Stores;
using Distill.Attribution.Infrastructure.Readiness;
using Distill.Attribution.Neo4j;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Api.Tests;

/// <summary>/readyz asks every store the host was composed with (issue 16: it used to check SQLite only, even under --neo4j).</summary>
public sealed class ReadinessTests
{
    [Test]
    public async Task ShouldAnswer503NamingTheStoreThatIsNotReady()
    {
        await using var api = await ApiFixture.StartAsync(services: s => s.AddSingleton<IReadinessCheck>(new Down()));
        using var client = api.Client(null);
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = await ready.Content.ReadAsStringAsync();
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
        Assert.That(body, Does.Contain("\"neo4j\":\"not ready: unreachable (ConnectionError)\""));
        Assert.That(body, Does.Contain("\"sqlite\":\"ready: "), "the store file itself is fine");
        Assert.That((await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode, Is.EqualTo(HttpStatusCode.OK), "alive all the same");
    }

    [Test]
    public async Task ShouldAskExactlyTheStoreFileWhenTheGraphIsInIt()
    {
        await using var api = await ApiFixture.StartAsync();
        using var client = api.Client(null);

        var stores = await StoresAsync(client, HttpStatusCode.OK);

        Assert.That(stores.Keys, Is.EquivalentTo(new[] { "sqlite" }));
    }

    /// <summary>Composed from settings naming Neo4j (as <c>serve --neo4j</c> does), the server asks Neo4j as well as the file.</summary>
    [Test]
    public async Task ShouldAskNeo4jAndTheStoreFileWhenTheGraphIsOnNeo4j()
    {
        // Port 9 (discard) is closed on a test machine: Neo4j is refused at once.
        await using var api = await ApiFixture.StartAsync(o => o.Stores = StoreSettings.OnNeo4j(new Neo4jOptions { BaseUri = new Uri("http://127.0.0.1:9/"), User = "neo4j", Password = "pw-not-shown" }, o.StorePath));
        using var client = api.Client(null);

        var stores = await StoresAsync(client, HttpStatusCode.ServiceUnavailable);

        Assert.That(stores.Keys, Is.EquivalentTo(new[] { "sqlite", "neo4j" }));
        Assert.That(stores["neo4j"], Does.StartWith("not ready: "));
        Assert.That(stores["sqlite"], Does.StartWith("ready: "), "the file still holds runs, keys, audit and cases");
        Assert.That(string.Join(" ", stores.Values), Does.Not.Contain("pw-not-shown"));
    }

    private static async Task<Dictionary<string, string>> StoresAsync(HttpClient client, HttpStatusCode expected)
    {
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = await ready.Content.ReadAsStringAsync();
        Assert.That(ready.StatusCode, Is.EqualTo(expected), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("stores").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private sealed class Down : IReadinessCheck
    {
        public string Name => "neo4j";

        public Task<ReadinessResult> CheckAsync(CancellationToken ct) => Task.FromResult(new ReadinessResult(false, "unreachable (ConnectionError)"));
    }
}
