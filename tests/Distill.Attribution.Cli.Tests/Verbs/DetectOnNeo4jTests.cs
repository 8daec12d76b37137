using System.Text.Json;

namespace Distill.Attribution.Cli.Tests.Verbs;

/// <summary>
/// <c>distill detect --neo4j</c> end to end against a stand-in Query API: the snapshot is read from "Neo4j", the run is
/// saved in the <c>--store</c> file, and the same run is written back into the graph in one committed transaction.
/// </summary>
[NonParallelizable]
public sealed class DetectOnNeo4jTests
{
    [Test]
    public async Task DetectShouldWriteTheSavedRunBackIntoTheGraph()
    {
        using var dir = new TempDirectory();
        using var neo4j = new FakeNeo4jServer("acct-1", "acct-2", "acct-3", "acct-4");

        var detect = await DistillProcess.RunAsync("detect", "--neo4j", neo4j.Uri, "--store", dir.File("s.db"));
        var export = await DistillProcess.RunAsync("export-clusters", "--out", dir.File("clusters.json"), "--store", dir.File("s.db"));

        Assert.That(detect.ExitCode, Is.Zero, detect.ToString());
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        var statements = neo4j.Statements;
        Assert.That(statements.Select(s => s.File), Does.Contain("projection/accounts.cypher").And.Contain("projection/payments.cypher"), "the snapshot came from the graph");
        Assert.That(statements.Select(s => s.File), Does.Not.Contain("(not a cypher/ file)"));
        var writeBack = statements.Where(s => s.File.StartsWith("writeback/", StringComparison.Ordinal)).ToList();
        Assert.That(writeBack, Is.Not.Empty.And.All.Matches<(string File, JsonElement Parameters, bool InTransaction)>(s => s.InTransaction && s.Parameters.GetProperty("runId").GetString() == "run-0001"));
        Assert.That(neo4j.Transactions, Is.EqualTo(new[] { "begin", "commit" }));

        // The graph gets exactly the memberships of the run saved in the store file.
        using var exported = JsonDocument.Parse(File.ReadAllText(dir.File("clusters.json")));
        var saved = exported.RootElement.GetProperty("clusters").EnumerateArray()
            .SelectMany(c => c.GetProperty("members").EnumerateArray().Select(m => (m.GetString()!, c.GetProperty("id").GetString()!)))
            .OrderBy(x => x.Item1, StringComparer.Ordinal).ToArray();
        Assert.That(saved, Is.Not.Empty, "four accounts on one card form a cluster");
        var written = writeBack.Where(s => s.File == "writeback/memberships.cypher")
            .SelectMany(s => s.Parameters.GetProperty("rows").EnumerateArray())
            .Select(r => (r.GetProperty("accountId").GetString()!, r.GetProperty("clusterId").GetString()!)).OrderBy(x => x.Item1, StringComparer.Ordinal).ToArray();
        Assert.That(written, Is.EqualTo(saved));
    }
}
