namespace Distill.Attribution.Cli.Tests;

/// <summary>The contract's exit codes: 0 success, 1 rejected input or failed check, 2 usage or fatal error.</summary>
public sealed class ExitCodeTests
{
    [TestCase("no-such-verb")]
    [TestCase("detect", "--no-such-option")]
    [TestCase("export-clusters")]
    [TestCase("evaluate")]
    [TestCase("detect", "--quality", "louvain")]
    [TestCase("detect", "--top", "many")]
    public async Task ShouldExitWithTwoOnBadUsage(params string[] args)
    {
        using var dir = new TempDirectory();
        var outcome = await DistillProcess.RunAsync([.. args, "--store", dir.File("s.db")]);
        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.Error, Is.Not.Empty);
    }

    [Test]
    public async Task ShouldExitWithTwoWhenTheTruthFileIsMissing()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("s.db"), []); // An empty file is an empty store: only the truth file is missing.
        var outcome = await DistillProcess.RunAsync("evaluate", "--truth", dir.File("missing.csv"), "--store", dir.File("s.db"));
        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.Error, Does.Contain("truth"));
    }

    [Test]
    public async Task ShouldExitWithTwoWhenNeo4jCannotBeReached()
    {
        using var dir = new TempDirectory();
        // Port 9 (discard) is closed on a test machine: the connection is refused at once.
        var outcome = await DistillProcess.RunAsync("detect", "--neo4j", "http://127.0.0.1:9", "--store", dir.File("s.db"));
        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.Error, Does.Contain("Neo4j").And.Contain("127.0.0.1:9"));
        var stats = await DistillProcess.RunAsync("stats", "--neo4j", "not a uri", "--store", dir.File("s.db"));
        Assert.That(stats.ExitCode, Is.EqualTo(2), stats.ToString());
    }

    [Test]
    public async Task ShouldExitWithOneWhenThereIsNoRunToExportOrEvaluate()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("s.db"), []); // A store without runs (a missing store is a usage error, exit 2).
        File.WriteAllText(dir.File("truth.csv"), "account_id,label,operator_id,kind\nacct-1,legit,,legit_vpn\n");
        var export = await DistillProcess.RunAsync("export-clusters", "--out", dir.File("c.json"), "--store", dir.File("s.db"));
        Assert.That(export.ExitCode, Is.EqualTo(1), export.ToString());
        Assert.That(export.Error, Does.Contain("detect"));
        Assert.That(File.Exists(dir.File("c.json")), Is.False);
        var evaluate = await DistillProcess.RunAsync("evaluate", "--truth", dir.File("truth.csv"), "--store", dir.File("s.db"));
        Assert.That(evaluate.ExitCode, Is.EqualTo(1), evaluate.ToString());
    }

    [Test]
    public async Task ShouldExitWithOneOnARejectedTruthFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("s.db"), []);
        File.WriteAllText(dir.File("truth.csv"), "account,label\nacct-1,legit\n");
        var outcome = await DistillProcess.RunAsync("evaluate", "--truth", dir.File("truth.csv"), "--store", dir.File("s.db"));
        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.ToString());
        Assert.That(outcome.Error, Does.Contain("account_id"));
    }

    [Test]
    public async Task ShouldExitWithOneOnRejectedInputRows()
    {
        using var dir = new TempDirectory();
        var input = Directory.CreateDirectory(dir.File("input")).FullName;
        File.WriteAllText(Path.Combine(input, "accounts.csv"),
            "account_id,created_at,email_domain,email_hash,display_name,org_name,access_pathway,country,status\n" +
            "acct-1,2025-05-30T10:24:11Z,example.org,,A,,self_serve,NL,active\n" +
            "acct-2,not-a-timestamp,example.org,,B,,self_serve,NL,active\n");
        var outcome = await DistillProcess.RunAsync("ingest", "--store", dir.File("s.db"), "--rejects", dir.File("rejects.jsonl"), input);
        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.ToString());
        Assert.That(File.ReadAllText(dir.File("rejects.jsonl")), Does.Contain("created_at"));
        var stats = await DistillProcess.RunAsync("stats", "--json", "--store", dir.File("s.db"));
        Assert.That(stats.Output, Does.Contain("\"accounts\":1"));
    }
}
