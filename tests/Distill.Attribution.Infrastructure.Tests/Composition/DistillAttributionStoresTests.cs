using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Embedding;
using Distill.Attribution.Neo4j;
using Distill.Attribution.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Infrastructure.Tests.Composition;

/// <summary>The embedder's entry goes through the same root (D21): the hosts' keys when <c>Distill:Store:Kind</c> is set, its earlier keys otherwise.</summary>
public sealed class DistillAttributionStoresTests
{
    [Test]
    public async Task ShouldReadTheRootsKeysWhenTheKindIsSet()
    {
        await using var provider = new ServiceCollection()
            .AddDistillAttribution(Configuration(("Distill:Store:Kind", "neo4j"), ("Distill:Store:Path", "records.db"), ("Distill:Neo4j:Uri", "http://127.0.0.1:9")))
            .BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IGraphStore>(), Is.TypeOf<Neo4jGraphStore>());
        Assert.That(provider.GetRequiredService<IRunStore>(), Is.TypeOf<Neo4jWriteBackRunStore>());
        Assert.That(provider.GetRequiredService<DistillAttributionOptions>().StorePath, Is.EqualTo("records.db"));
    }

    [Test]
    public async Task ShouldKeepTheEarlierKeysWithoutAKind()
    {
        await using var provider = new ServiceCollection()
            .AddDistillAttribution(Configuration(("Distill:Store", "tool.db")))
            .BuildServiceProvider();

        var graph = provider.GetRequiredService<IGraphStore>();
        Assert.That(graph, Is.TypeOf<SqliteGraphStore>());
        Assert.That(((SqliteGraphStore)graph).Path, Is.EqualTo("tool.db"));
        Assert.That(new ServiceCollection().AddDistillAttribution(Configuration(("Distill:Store", "tool.db"))).Count(d => d.ServiceType == typeof(IGraphStore)), Is.EqualTo(1));
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
