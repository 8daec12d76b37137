namespace Distill.Attribution.Cli.Tests.Verbs;

/// <summary>
/// <c>--neo4j</c> on the commands that read account data (serve, pack) opens and checks the Neo4j store before any
/// work; the commands that only read the service's own records (runs, keys, audit) say in their help that they use
/// the <c>--store</c> file.
/// </summary>
public sealed class Neo4jOptionTests
{
    // Port 9 (discard) is closed on a test machine: the connection is refused at once.
    private const string Unreachable = "http://127.0.0.1:9";

    [TestCase("serve", "--urls", "http://127.0.0.1:0")]
    [TestCase("pack", "c-0001", "--out", "pack.zip", "--custodian", "Jo Tester")]
    public async Task ShouldExitWithTwoBeforeAnyWorkWhenNeo4jCannotBeReached(params string[] args)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("s.db"), []); // pack reads its run from the store file, which must exist.
        var outcome = await DistillProcess.RunAsync([.. args.Select(a => a == "pack.zip" ? dir.File(a) : a), "--neo4j", Unreachable, "--store", dir.File("s.db")]);

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.Error, Does.Contain("Neo4j").And.Contain("127.0.0.1:9"));
        Assert.That(File.Exists(dir.File("pack.zip")), Is.False);
    }

    [TestCase("keys")]
    [TestCase("audit")]
    [TestCase("export-clusters")]
    [TestCase("evaluate")]
    public async Task HelpShouldSayTheCommandUsesTheStoreFile(string verb)
    {
        var help = await DistillProcess.RunAsync(verb, "--help");

        Assert.That(help.ExitCode, Is.Zero, help.ToString());
        Assert.That(help.Output, Does.Contain("--store file").And.Contain("Neo4j"));
    }

    [TestCase("serve", "with --neo4j account data comes from Neo4j")]
    [TestCase("pack", "the cited source records from --neo4j")]
    [TestCase("detect", "with --neo4j also written back into the graph")]
    public async Task HelpShouldSayWhatComesFromNeo4j(string verb, string says)
    {
        var help = await DistillProcess.RunAsync(verb, "--help");

        Assert.That(help.ExitCode, Is.Zero, help.ToString());
        Assert.That(help.Output.ReplaceLineEndings(" "), Does.Contain(says));
    }
}
