using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Distill.Attribution.Cli.Tests;

/// <summary>
/// The command line a person mistypes (issue 16): a mistyped store, empty input, a busy port, output that is not a
/// terminal, typos, options that do not apply, key management. Every test runs the real program.
/// </summary>
public sealed partial class MistypingTests
{
    [GeneratedRegex("[0-9a-f]{32,}")]
    private static partial Regex LongHex();

    [TestCase("stats")]
    [TestCase("detect")]
    [TestCase("export-clusters", "--out", "OUT")]
    [TestCase("evaluate", "--truth", "TRUTH")]
    [TestCase("pack", "c-0001", "--out", "OUT", "--custodian", "Jo Tester")]
    [TestCase("serve", "--urls", "http://127.0.0.1:0")]
    [TestCase("keys", "list")]
    [TestCase("keys", "revoke", "abc")]
    [TestCase("audit", "verify")]
    public async Task ReadingVerbsShouldRefuseAStoreThatDoesNotExist(params string[] args)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("truth.csv"), "account_id,label,operator_id,kind\nacct-1,legit,,legit_vpn\n");
        var store = dir.File("mistyped.db");
        var argv = args.Select(a => a switch { "OUT" => dir.File("out"), "TRUTH" => dir.File("truth.csv"), _ => a }).ToArray();

        var after = await DistillProcess.RunAsync(TimeSpan.FromMinutes(2), [.. argv, "--store", store]);
        var before = await DistillProcess.RunAsync(TimeSpan.FromMinutes(2), ["--store", store, .. argv]);

        foreach (var outcome in new[] { after, before })
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
            Assert.That(outcome.Error, Does.Contain($"no store at '{store}'"), outcome.ToString());
        }

        Assert.That(Directory.GetFiles(dir.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "truth.csv" }), "nothing was created");
    }

    [Test]
    public async Task IngestAndKeysCreateShouldCreateTheStoreAndReadingVerbsThenAcceptIt()
    {
        using var dir = new TempDirectory();
        var store = dir.File("new.db");
        var key = await DistillProcess.RunAsync("keys", "create", "--role", "analyst", "--store", store);
        Assert.That(key.ExitCode, Is.Zero, key.ToString());

        var stats = await DistillProcess.RunAsync("stats", "--json", "--store", store);

        Assert.That(stats.ExitCode, Is.Zero, stats.ToString());
        Assert.That(stats.Output, Does.Contain("\"accounts\":0"));
    }

    [TestCase("generate", "--out", "OUT", "--scale", "0.001")]
    [TestCase("verify-pack", "OUT")]
    [TestCase("bench", "leiden", "--edges", "OUT")]
    public async Task VerbsWithoutAStoreShouldNeitherOfferNorAcceptStoreOptions(params string[] args)
    {
        using var dir = new TempDirectory();
        var argv = args.Select(a => a == "OUT" ? dir.File("out") : a).ToArray();

        var help = await DistillProcess.RunAsync([.. argv.TakeWhile(a => !a.StartsWith('-') && a != dir.File("out")), "--help"]);
        var after = await DistillProcess.RunAsync([.. argv, "--store", dir.File("s.db")]);
        var before = await DistillProcess.RunAsync(["--store", dir.File("s.db"), .. argv]);
        var neo4j = await DistillProcess.RunAsync([.. argv, "--neo4j", "http://127.0.0.1:9"]);

        Assert.That(help.Output, Does.Not.Contain("--store").And.Not.Contain("--neo4j"), help.ToString());
        foreach (var (outcome, option) in new[] { (after, "--store"), (before, "--store"), (neo4j, "--neo4j") })
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
            Assert.That(outcome.Error, Does.Contain($"{option} does not apply to `{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-') && a != "OUT"))}`"), outcome.ToString());
        }

        Assert.That(File.Exists(dir.File("s.db")), Is.False);
        Assert.That(Path.Exists(dir.File("out")), Is.False, "the verb did not run");
    }

    [TestCase(new[] { "detect", "--resolutoin", "0.1" }, "--resolution")]
    [TestCase(new[] { "detect", "--qualty", "cpm" }, "--quality")]
    [TestCase(new[] { "detcet" }, "detect")]
    [TestCase(new[] { "evalute", "--truth", "t.csv" }, "evaluate")]
    [TestCase(new[] { "ingest", "--stirct", "x" }, "--strict")]
    [TestCase(new[] { "keys", "lst" }, "list")]
    public async Task TyposShouldGetASuggestion(string[] args, string suggested)
    {
        using var dir = new TempDirectory();

        var outcome = await DistillProcess.RunAsync([.. args]);

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.Error, Does.Contain($"did you mean `{suggested}`?"), outcome.ToString());
    }

    [Test]
    public async Task AnUnknownWordFarFromEveryNameShouldGetNoSuggestion()
    {
        var outcome = await DistillProcess.RunAsync("detect", "--zzzzzzzzzz");

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.Error, Does.Contain("--zzzzzzzzzz").And.Not.Contain("did you mean"), outcome.ToString());
    }

    [Test]
    public async Task EmptyInputShouldWarnAndFailTheCheckUnderStrict()
    {
        using var dir = new TempDirectory();
        var empty = Directory.CreateDirectory(dir.File("empty")).FullName;
        var headerOnly = Directory.CreateDirectory(dir.File("header-only")).FullName;
        File.WriteAllText(Path.Combine(headerOnly, "accounts.csv"), "account_id,created_at,email_domain,email_hash,display_name,org_name,access_pathway,country,status\n");

        foreach (var (input, says) in new[] { (empty, "no input files"), (headerOnly, "no rows (empty or header only)") })
        {
            var lenient = await DistillProcess.RunAsync("ingest", "--store", dir.File("s.db"), "--rejects", dir.File("r.jsonl"), input);
            var strict = await DistillProcess.RunAsync("ingest", "--strict", "--store", dir.File("s.db"), "--rejects", dir.File("r.jsonl"), input);

            Assert.That(lenient.ExitCode, Is.Zero, lenient.ToString());
            Assert.That(lenient.Output, Does.Contain("warning:").And.Contain(says), lenient.ToString());
            Assert.That(strict.ExitCode, Is.EqualTo(1), strict.ToString());
            Assert.That(strict.Output, Does.Contain(says), strict.ToString());
        }
    }

    [Test]
    public async Task ServeOnABusyPortShouldSayWhichPortInOneLine()
    {
        using var dir = new TempDirectory();
        var store = await GeneratedDataSet.CopyCleanStoreAsync(dir);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var outcome = await DistillProcess.RunAsync(TimeSpan.FromMinutes(2), "serve", "--store", store, "--urls", $"http://127.0.0.1:{port}");

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), outcome.ToString());
        Assert.That(outcome.Error, Does.Contain($"port {port} is already in use"), outcome.ToString());
        Assert.That(outcome.Output, Is.Empty, outcome.ToString());
    }

    [Test]
    public async Task OutputThatIsNotATerminalShouldHaveNoColourCodesNoWrappingAndAReadableEvidenceSummary()
    {
        using var dir = new TempDirectory();
        var store = await GeneratedDataSet.CopyCleanStoreAsync(dir);
        // What a CI runner or a pipe looks like: a colour terminal type, but no COLUMNS and no NO_COLOR.
        var environment = new Dictionary<string, string?> { ["COLUMNS"] = null, ["NO_COLOR"] = null, ["TERM"] = "xterm-256color" };

        var outcome = await DistillProcess.RunAsync(TimeSpan.FromMinutes(5), environment, "detect", "--store", store);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        var lines = outcome.Output.Split('\n');
        Assert.That(outcome.Output, Does.Not.Contain("\u001b["), "no ANSI escape codes");
        Assert.That(lines.Max(l => l.Length), Is.GreaterThan(80), "long lines are written whole, not wrapped at 80 columns");
        Assert.That(lines.Where(l => l.StartsWith("  operator ", StringComparison.Ordinal)), Is.Not.Empty, outcome.Output);
        Assert.That(outcome.Output, Does.Not.Match(LongHex().ToString()), "no walls of hashes");
        Assert.That(outcome.Output, Does.Not.Contain("(s)").And.Not.Contain(" 1 members"), "correct plurals");
        Assert.That(lines.Count(l => l.StartsWith("c-", StringComparison.Ordinal) && l.Contains(" evidence: ", StringComparison.Ordinal)), Is.GreaterThan(0));
    }

    [Test]
    public async Task KeysListAndRevokeShouldManageKeysWithoutShowingSecrets()
    {
        using var dir = new TempDirectory();
        var store = dir.File("s.db");
        var first = await DistillProcess.RunAsync("keys", "create", "--role", "admin", "--holder", "Ada Admin", "--label", "ops", "--store", store);
        var second = await DistillProcess.RunAsync("keys", "create", "--role", "analyst", "--store", store);
        var firstId = first.Output.Trim().Split('_')[1];
        var secondId = second.Output.Trim().Split('_')[1];

        var listed = await DistillProcess.RunAsync("keys", "list", "--store", store);
        var revoked = await DistillProcess.RunAsync("keys", "revoke", firstId, "--store", store);
        var again = await DistillProcess.RunAsync("keys", "revoke", firstId, "--store", store);
        var after = await DistillProcess.RunAsync("keys", "list", "--store", store);

        Assert.That(listed.ExitCode, Is.Zero, listed.ToString());
        Assert.That(listed.Output, Does.Contain(firstId).And.Contain("admin").And.Contain("Ada Admin").And.Contain("ops").And.Contain(secondId).And.Contain("analyst"));
        Assert.That(listed.Output, Does.Not.Contain(first.Output.Trim()).And.Not.Contain(second.Output.Trim()), "never a key");
        Assert.That(revoked.ExitCode, Is.Zero, revoked.ToString());
        Assert.That(again.ExitCode, Is.EqualTo(1), again.ToString());
        Assert.That(again.Error, Does.Contain(firstId));
        Assert.That(after.Output, Does.Not.Contain(firstId).And.Contain(secondId), after.ToString());
    }

    [Test]
    public async Task GenerateWithoutScaleShouldSayWhatItWillMakeBeforeStarting()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("file"), "not a directory");

        // The output directory cannot be made (a file is in the way): the verb stops right after saying what it would make.
        var outcome = await DistillProcess.RunAsync("generate", "--out", Path.Combine(dir.File("file"), "data"));

        Assert.That(outcome.Output, Does.Contain("no --scale given, so scale 1").And.Contain("20M request rows").And.Contain("--scale 0.05"), outcome.ToString());
        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
    }
}
