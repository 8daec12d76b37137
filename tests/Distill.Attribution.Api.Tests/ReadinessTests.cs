using System.Net;
using Distill.Attribution.Infrastructure.Readiness;
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

    private sealed class Down : IReadinessCheck
    {
        public string Name => "neo4j";

        public Task<ReadinessResult> CheckAsync(CancellationToken ct) => Task.FromResult(new ReadinessResult(false, "unreachable (ConnectionError)"));
    }
}
