using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Embedding.Stores;
using Distill.Attribution.Infrastructure.Readiness;
using Distill.Attribution.Infrastructure.Tests.Sqlite;
using Distill.Attribution.Neo4j;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Runs;
using Distill.Attribution.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Infrastructure.Tests.Composition;

/// <summary>
/// The one composition root of the stores (issue 16 item 1, decision D21): configuration picks the graph store, each port
/// is registered once, readiness asks exactly the stores in use, and a wrong configuration names its key.
/// </summary>
public sealed class AttributionStoresTests
{
    // Port 9 (discard) is closed on a test machine: a request is refused at once, and nothing here needs a server.
    private const string Unreachable = "http://127.0.0.1:9";

    private static readonly Type[] Ports =
    [
        typeof(IGraphStore), typeof(IIngestStore), typeof(ISnapshotSource), typeof(IRunStore), typeof(IAccessStore), typeof(ICaseStore),
        typeof(IAlertStore), typeof(IAccountReadModel), typeof(ISourceRecordReader), typeof(IClusterActivityReader), typeof(IVerdictTally),
    ];

    [Test]
    public async Task ShouldPutEverythingInTheSqliteFileWhenTheKindIsSqlite()
    {
        var path = TempDatabase.NewPath();
        try
        {
            var services = new ServiceCollection().AddAttributionStores(Configuration(("Distill:Store:Kind", "sqlite"), ("Distill:Store:Path", path)), StoreParts.Investigation | StoreParts.PackSources);
            await using var provider = services.BuildServiceProvider();

            var graph = provider.GetRequiredService<IGraphStore>();
            Assert.That(graph, Is.TypeOf<SqliteGraphStore>());
            Assert.That(((SqliteGraphStore)graph).Path, Is.EqualTo(path));
            Assert.That(provider.GetRequiredService<IIngestStore>(), Is.SameAs(graph));
            Assert.That(provider.GetRequiredService<ISnapshotSource>(), Is.SameAs(graph));
            Assert.That(provider.GetRequiredService<IRunStore>(), Is.TypeOf<SqliteRunStore>());
            AssertEachPortOnce(services);
            Assert.That(await ReadinessAsync(provider), Is.EquivalentTo(new Dictionary<string, bool> { ["sqlite"] = true }), "the one store in use, ready");
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    [Test]
    public async Task ShouldPutTheGraphOnNeo4jAndKeepTheServiceRecordsInTheFileWhenTheKindIsNeo4j()
    {
        var path = TempDatabase.NewPath();
        try
        {
            var services = new ServiceCollection().AddAttributionStores(
                Configuration(("Distill:Store:Kind", "Neo4j"), ("Distill:Store:Path", path), ("Distill:Neo4j:Uri", Unreachable), ("Distill:Neo4j:User", "neo4j"), ("Distill:Neo4j:Password", "pw-not-printed")),
                StoreParts.Investigation | StoreParts.PackSources);
            await using var provider = services.BuildServiceProvider();

            var graph = provider.GetRequiredService<IGraphStore>();
            Assert.That(graph, Is.TypeOf<Neo4jGraphStore>(), "built without a server: nothing is sent before the first call");
            Assert.That(provider.GetRequiredService<IIngestStore>(), Is.SameAs(graph));
            Assert.That(provider.GetRequiredService<ISnapshotSource>(), Is.SameAs(graph));
            Assert.That(provider.GetRequiredService<IAccountReadModel>(), Is.SameAs(((Neo4jGraphStore)graph).Accounts));
            Assert.That(provider.GetRequiredService<ISourceRecordReader>(), Is.SameAs(((Neo4jGraphStore)graph).Sources));
            Assert.That(provider.GetRequiredService<IRunStore>(), Is.TypeOf<Neo4jWriteBackRunStore>(), "runs in the file, written back into the graph");
            Assert.That(provider.GetRequiredService<IAccessStore>().GetType().Namespace, Does.StartWith("Distill.Attribution.Sqlite"), "keys and audit stay in the file");
            Assert.That(provider.GetRequiredService<IAlertStore>().GetType().Namespace, Does.StartWith("Distill.Attribution.Sqlite"));
            AssertEachPortOnce(services);

            var readiness = await ReadinessAsync(provider);
            Assert.That(readiness, Is.EquivalentTo(new Dictionary<string, bool> { ["sqlite"] = true, ["neo4j"] = false }),
                "both stores in use are asked, each once; the unreachable one is not ready");
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    [Test]
    public void ShouldRegisterNoInvestigationStoreOrReadinessForTheGraphAlone()
    {
        var services = new ServiceCollection().AddAttributionStores(StoreSettings.Sqlite(TempDatabase.NewPath()));

        Assert.That(services.Any(d => d.ServiceType == typeof(IGraphStore)), Is.True);
        Assert.That(services.Any(d => d.ServiceType == typeof(IAccessStore) || d.ServiceType == typeof(IReadinessCheck) || d.ServiceType == typeof(ISourceRecordReader)), Is.False,
            "a verb that only ingests or detects opens nothing more");
    }

    [Test]
    public void ShouldNameTheKeyWhenTheKindIsMissing()
    {
        var e = Assert.Throws<StoreConfigurationException>(() => new ServiceCollection().AddAttributionStores(Configuration(("Distill:Store:Path", "x.db"))));

        Assert.That(e!.Key, Is.EqualTo("Distill:Store:Kind"));
        Assert.That(e.Message, Does.StartWith("Distill:Store:Kind: not set").And.Contain("sqlite").And.Contain("neo4j"));
    }

    [TestCase("postgres")]
    [TestCase("sqlite3")]
    [TestCase("neo")]
    public void ShouldNameTheKeyAndTheValueWhenTheKindIsWrong(string kind)
    {
        var e = Assert.Throws<StoreConfigurationException>(() => StoreSettings.Read(Configuration(("Distill:Store:Kind", kind))));

        Assert.That(e!.Key, Is.EqualTo(StoreSettings.KindKey));
        Assert.That(e.Message, Does.Contain("Distill:Store:Kind").And.Contain($"'{kind}'").And.Contain("expected sqlite or neo4j"));
    }

    [TestCase(null, "not set")]
    [TestCase("bolt://localhost:7687", "http://")]
    [TestCase("http://neo4j:secret@localhost:7474", "NEO4J_USER")]
    public void ShouldNameTheUriKeyWhenNeo4jCannotBeAddressed(string? uri, string says)
    {
        var e = Assert.Throws<StoreConfigurationException>(() => StoreSettings.Read(Configuration(("Distill:Store:Kind", "neo4j"), ("Distill:Neo4j:Uri", uri))));

        Assert.That(e!.Key, Is.EqualTo(StoreSettings.Neo4jUriKey));
        Assert.That(e.Message, Does.StartWith("Distill:Neo4j:Uri: ").And.Contain(says));
        Assert.That(e.Message, Does.Not.Contain("secret"), "credentials in a URI are refused without being repeated");
    }

    [Test]
    public void ShouldReadThePasswordFromAFileAndNeverPrintIt()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "s3cret-from-file\n");
            var settings = StoreSettings.Read(Configuration(
                ("Distill:Store:Kind", "neo4j"), ("Distill:Neo4j:Uri", "http://localhost:7474"), ("Distill:Neo4j:User", "ops"), ("Distill:Neo4j:Password", "overridden"), ("Distill:Neo4j:PasswordFile", file), ("Distill:Neo4j:Database", "graph")));

            Assert.That(settings.Kind, Is.EqualTo(StoreKind.Neo4j));
            Assert.That(settings.Path, Is.EqualTo("./distill.db"));
            Assert.That(settings.Neo4j!.Password, Is.EqualTo("s3cret-from-file"), "the file wins over the inline value, without its line break");
            Assert.That(settings.Neo4j.User, Is.EqualTo("ops"));
            Assert.That(settings.Neo4j.Database, Is.EqualTo("graph"));
            Assert.That(settings.ToString(), Does.Contain("localhost:7474").And.Not.Contain("s3cret").And.Not.Contain("overridden"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void ShouldNameThePasswordFileKeyWhenTheFileCannotBeRead()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"distill-no-such-{Guid.NewGuid():N}");

        var e = Assert.Throws<StoreConfigurationException>(() => StoreSettings.Read(Configuration(("Distill:Store:Kind", "neo4j"), ("Distill:Neo4j:Uri", "http://localhost:7474"), ("Distill:Neo4j:PasswordFile", missing))));

        Assert.That(e!.Key, Is.EqualTo(StoreSettings.Neo4jPasswordFileKey));
    }

    /// <summary>A host that registers a store itself and then calls the root would get whichever came last: refused instead.</summary>
    [Test]
    public void ShouldRefuseAStoreRegisteredBeforeTheRoot()
    {
        var services = new ServiceCollection().AddSingleton<IIngestStore>(new InMemoryIngestStore());

        Assert.That(() => services.AddAttributionStores(StoreSettings.Sqlite("x.db")),
            Throws.InvalidOperationException.With.Message.Contains("IIngestStore is already registered"));
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static void AssertEachPortOnce(IServiceCollection services)
    {
        foreach (var port in Ports)
        {
            Assert.That(services.Count(d => d.ServiceType == port), Is.EqualTo(1), $"{port.Name} is registered exactly once (no last-registration-wins)");
        }
    }

    private static async Task<Dictionary<string, bool>> ReadinessAsync(IServiceProvider provider)
    {
        var results = new Dictionary<string, bool>();
        foreach (var check in provider.GetServices<IReadinessCheck>())
        {
            Assert.That(results.ContainsKey(check.Name), Is.False, $"{check.Name} is asked once");
            results[check.Name] = (await check.CheckAsync(CancellationToken.None)).Ready;
        }

        return results;
    }
}
