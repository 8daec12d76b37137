using System.Text.Json;

namespace Distill.Attribution.Cli.Tests;

/// <summary>generate → ingest → stats → detect → export-clusters → evaluate through the real program.</summary>
public sealed class EndToEndTests
{
    private static JsonElement Stats(DistillProcess.Outcome outcome)
    {
        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        return JsonDocument.Parse(outcome.Output).RootElement.Clone();
    }

    [Test]
    public async Task ShouldRunTheWholeChainOnGeneratedData()
    {
        using var dir = new TempDirectory();
        var store = await GeneratedDataSet.CopyCleanStoreAsync(dir);
        var truthAccounts = File.ReadLines(GeneratedDataSet.Truth).Count() - 1;

        var before = Stats(await DistillProcess.RunAsync("stats", "--json", "--store", store));
        Assert.That(before.GetProperty("accounts").GetInt64(), Is.EqualTo(truthAccounts));
        Assert.That(before.GetProperty("requests").GetInt64(), Is.GreaterThan(100_000));
        foreach (var key in new[] { "payments", "sessions", "releases", "indicators" })
        {
            Assert.That(before.GetProperty(key).GetInt64(), Is.Positive, key);
        }

        Assert.That(before.GetProperty("runs").GetInt64(), Is.Zero);
        Assert.That(before.GetProperty("clusters").GetInt64(), Is.Zero);

        var detect = await DistillProcess.RunAsync("detect", "--store", store);
        Assert.That(detect.ExitCode, Is.Zero, detect.ToString());
        Assert.That(detect.Output, Does.Contain("run-0001").And.Contain("operator").And.Contain("confidence").And.Contain("flagged"));

        var exportPath = dir.File("clusters.json");
        var export = await DistillProcess.RunAsync("export-clusters", "--out", exportPath, "--store", store);
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(exportPath));
        var clusterCount = ExportShape.Validate(json.RootElement, File.ReadLines(GeneratedDataSet.Truth).Skip(1).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal));
        Assert.That(json.RootElement.GetProperty("runId").GetString(), Is.EqualTo("run-0001"));
        Assert.That(clusterCount, Is.Positive);
        Assert.That(json.RootElement.GetProperty("clusters").EnumerateArray().Any(c => c.GetProperty("flagged").GetBoolean()), Is.True, "a generated data set holds campaigns; none was flagged");

        var after = Stats(await DistillProcess.RunAsync("stats", "--json", "--store", store));
        Assert.That(after.GetProperty("runs").GetInt64(), Is.EqualTo(1));
        Assert.That(after.GetProperty("clusters").GetInt64(), Is.EqualTo(clusterCount));
        Assert.That(after.GetProperty("requests").GetInt64(), Is.EqualTo(before.GetProperty("requests").GetInt64()));

        var evaluate = await DistillProcess.RunAsync("evaluate", "--truth", GeneratedDataSet.Truth, "--json", "--store", store);
        Assert.That(evaluate.ExitCode, Is.Zero, evaluate.ToString());
        var scores = JsonDocument.Parse(evaluate.Output).RootElement;
        Assert.That(scores.GetProperty("runId").GetString(), Is.EqualTo("run-0001"));
        foreach (var metric in new[] { "precision", "recall", "f1", "bCubedPrecision", "bCubedRecall", "attributionAccuracy" })
        {
            Assert.That(scores.GetProperty(metric).GetDouble(), Is.InRange(0.0, 1.0), metric);
        }

        var byKind = scores.GetProperty("byKind").EnumerateArray().ToList();
        Assert.That(byKind.Sum(k => k.GetProperty("accounts").GetInt32()), Is.EqualTo(truthAccounts));
        Assert.That(byKind.Where(k => !k.GetProperty("isFraud").GetBoolean()).Sum(k => k.GetProperty("flagged").GetInt32()), Is.EqualTo(scores.GetProperty("legitFlagged").GetInt32()));

        var text = await DistillProcess.RunAsync("evaluate", "--truth", GeneratedDataSet.Truth, "--store", store);
        Assert.That(text.ExitCode, Is.Zero, text.ToString());
        Assert.That(text.Output, Does.Contain("F1 (flagged)").And.Contain("B-cubed precision").And.Contain("attribution accuracy").And.Contain("legit_office_team"));
    }

    [Test]
    public async Task ShouldReproduceTheMembershipOnASecondDetect()
    {
        using var dir = new TempDirectory();
        var store = await GeneratedDataSet.CopyCleanStoreAsync(dir);
        var hashes = new List<(string Run, string Membership, string Input)>();
        for (var i = 0; i < 2; i++)
        {
            var detect = await DistillProcess.RunAsync("detect", "--store", store, "--top", "0");
            Assert.That(detect.ExitCode, Is.Zero, detect.ToString());
            var path = dir.File($"run{i}.json");
            var export = await DistillProcess.RunAsync("export-clusters", "--out", path, "--store", store);
            Assert.That(export.ExitCode, Is.Zero, export.ToString());
            var root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
            hashes.Add((root.GetProperty("runId").GetString()!, root.GetProperty("membershipHash").GetString()!, root.GetProperty("inputHash").GetString()!));
            if (i == 1)
            {
                Assert.That(root.GetProperty("clusters").EnumerateArray().All(c => c.GetProperty("lineage").GetString() == "unchanged"), Is.True);
            }
        }

        Assert.That(hashes.Select(h => h.Run), Is.EqualTo(new[] { "run-0001", "run-0002" }));
        Assert.That(hashes[1].Membership, Is.EqualTo(hashes[0].Membership));
        Assert.That(hashes[1].Input, Is.EqualTo(hashes[0].Input));
        var older = dir.File("older.json");
        var exportOlder = await DistillProcess.RunAsync("export-clusters", "--out", older, "--run", "run-0001", "--store", store);
        Assert.That(exportOlder.ExitCode, Is.Zero, exportOlder.ToString());
        Assert.That(JsonDocument.Parse(File.ReadAllText(older)).RootElement.GetProperty("runId").GetString(), Is.EqualTo("run-0001"));
    }
}
