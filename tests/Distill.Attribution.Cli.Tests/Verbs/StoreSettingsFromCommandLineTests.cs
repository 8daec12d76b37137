using System.CommandLine;
using Distill.Attribution.Cli.Verbs;
using Distill.Attribution.Embedding.Stores;

namespace Distill.Attribution.Cli.Tests.Verbs;

/// <summary>
/// <c>--store</c>, <c>--neo4j</c> and the <c>NEO4J_*</c> variables become the configuration the stores' composition root reads
/// (decision D21), so that the command line keeps its options and every verb gets its store from the one root.
/// </summary>
public sealed class StoreSettingsFromCommandLineTests
{
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["NEO4J_USER"] = "ops",
        ["NEO4J_PASSWORD"] = "pw-from-environment",
        ["NEO4J_DATABASE"] = "graph",
    };

    [Test]
    public void ShouldChooseTheSqliteFileWithoutNeo4j()
    {
        var settings = StoreFactory.Settings(Parse("probe", "--store", "here.db"), Lookup);

        Assert.That(settings.Kind, Is.EqualTo(StoreKind.Sqlite));
        Assert.That(settings.Path, Is.EqualTo("here.db"));
        Assert.That(settings.Neo4j, Is.Null, "NEO4J_* alone does not move the graph: only --neo4j does");
    }

    [Test]
    public void ShouldChooseNeo4jWithItsCredentialsFromTheEnvironment()
    {
        var settings = StoreFactory.Settings(Parse("--neo4j", "http://neo4j.test:7474", "probe", "--store", "records.db"), Lookup);

        Assert.That(settings.Kind, Is.EqualTo(StoreKind.Neo4j));
        Assert.That(settings.Path, Is.EqualTo("records.db"), "runs, keys, audit and cases stay in the --store file");
        Assert.That(settings.Neo4j!.BaseUri, Is.EqualTo(new Uri("http://neo4j.test:7474/")));
        Assert.That(settings.Neo4j.User, Is.EqualTo("ops"));
        Assert.That(settings.Neo4j.Password, Is.EqualTo("pw-from-environment"));
        Assert.That(settings.Neo4j.Database, Is.EqualTo("graph"));
        Assert.That(settings.ToString(), Does.Not.Contain("pw-from-environment"));
    }

    [Test]
    public void ShouldRefuseABoltAddressAsAStoreThatCannotBeUsed()
    {
        var e = Assert.Throws<StoreUnavailableException>(() => StoreFactory.Settings(Parse("probe", "--neo4j", "bolt://neo4j.test:7687"), Lookup));

        Assert.That(e!.Message, Does.StartWith("Cannot use the Neo4j store at 'bolt://neo4j.test:7687': ").And.Contain("http://"));
        Assert.That(e.Message, Does.Not.Contain("Distill:Neo4j:Uri"), "the command line names its own option, not the configuration key");
    }

    private static string? Lookup(string name) => Environment.GetValueOrDefault(name);

    private static ParseResult Parse(params string[] args)
    {
        var root = new RootCommand { new Command("probe").UsesStore(StoreUse.ReadsUnlessNeo4j, neo4j: true) };
        root.Options.Add(GlobalOptions.RootStore);
        root.Options.Add(GlobalOptions.RootNeo4j);
        return root.Parse(args);
    }
}
