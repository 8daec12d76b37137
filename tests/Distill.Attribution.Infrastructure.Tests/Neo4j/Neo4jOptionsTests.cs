using Distill.Attribution.Neo4j;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

public sealed class Neo4jOptionsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Test]
    public void ShouldReadTheEnvironment()
    {
        var options = Neo4jOptions.FromEnvironment(null, Env(
            ("NEO4J_URI", "https://graph.example:7473/some/path"),
            ("NEO4J_USER", "distill"),
            ("NEO4J_PASSWORD", "pw"),
            ("NEO4J_DATABASE", "attribution")));

        Assert.That(options.BaseUri.ToString(), Is.EqualTo("https://graph.example:7473/"));
        Assert.That((options.User, options.Password, options.Database), Is.EqualTo(("distill", "pw", "attribution")));
        Assert.That(options.BatchSize, Is.EqualTo(10_000));
    }

    [Test]
    public void ShouldPreferTheCommandLineUriAndDefaultTheDatabase()
    {
        var options = Neo4jOptions.FromEnvironment("http://cli:7474", Env(("NEO4J_URI", "http://env:7474")));

        Assert.That(options.BaseUri.Host, Is.EqualTo("cli"));
        Assert.That(options.Database, Is.EqualTo("neo4j"));
        Assert.That(options.User, Is.Null);
    }

    [TestCase("bolt://localhost:7687")]
    [TestCase("neo4j+s://x.databases.neo4j.io")]
    public void ShouldRefuseBoltAddressesWithAnExplanation(string uri)
    {
        var ex = Assert.Throws<Neo4jException>(() => Neo4jOptions.FromEnvironment(uri, Env()));

        Assert.That(ex!.Code, Is.EqualTo(Neo4jException.ConfigurationCode));
        Assert.That(ex.Message, Does.Contain("http://").And.Contain("Query API"));
    }

    [Test]
    public void ShouldRefuseCredentialsInTheUriWithoutEchoingThem()
    {
        var ex = Assert.Throws<Neo4jException>(() => Neo4jOptions.FromEnvironment("http://neo4j:hunter2@db:7474", Env()));

        Assert.That(ex!.Message, Does.Contain("NEO4J_PASSWORD").And.Not.Contain("hunter2"));
    }

    [Test]
    public void ShouldSayWhatIsMissing()
    {
        var ex = Assert.Throws<Neo4jException>(() => Neo4jOptions.FromEnvironment(null, Env()));

        Assert.That(ex!.Message, Does.Contain("NEO4J_URI").And.Contain("--neo4j"));
    }

    [Test]
    public void ShouldNotShowThePasswordWhenPrinted()
    {
        var options = new Neo4jOptions { BaseUri = new Uri("http://db:7474/"), User = "u", Password = "hunter2" };

        Assert.That(options.ToString(), Does.Not.Contain("hunter2").And.Contain("db/neo4j"));
    }
}
