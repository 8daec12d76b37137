using System.Text;
using System.Text.Json;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Application.Detection.EvaluateRun;
using Distill.Attribution.Application.Detection.ExportClusters;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Graph.Community;
using Distill.Attribution.Testing;

#pragma warning disable CA1861 // Expected values read best inline in a test.

namespace Distill.Attribution.Application.Tests.Detection;

public sealed class DetectionUseCaseTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset Now = new(2026, 2, 20, 10, 0, 0, TimeSpan.Zero);

    private static SnapshotBuilder Population() => new SnapshotBuilder()
        .Campaign("camp", accounts: 20, seed: 51)
        .Campaign("rogue", accounts: 12, seed: 52, templatePrefix: "tpl-rogue")
        .IndependentUsers("user", 80, seed: 53)
        .Family("family")
        .OfficeTeam("office")
        .Indicator("op-a", IndicatorKind.PaymentFingerprint, "card-camp-2", 0.9, "Example Lab");

    private static (DetectClustersHandler Handler, InMemoryRunStore Runs, FixedSnapshotSource Source) Setup(SnapshotBuilder builder)
    {
        var runs = new InMemoryRunStore();
        var source = new FixedSnapshotSource(builder.Build());
        return (new DetectClustersHandler(source, runs, (g, _, _) => ConnectedComponents.Compute(g), new FixedClock(Now)), runs, source);
    }

    [Test]
    public async Task ShouldSaveAVersionedRunWithItsHashesAndParameters()
    {
        var (handler, runs, source) = Setup(Population());
        var result = await handler.Handle(new DetectClustersCommand(), CancellationToken.None);
        var run = result.Run;
        Assert.That(runs.Runs, Has.Count.EqualTo(1));
        Assert.That(run.RunId, Is.EqualTo("run-0001"));
        Assert.That(run.CreatedAt, Is.EqualTo(Now));
        Assert.That(run.InputHash, Is.EqualTo(source.Snapshot.InputHash).And.Not.Empty);
        Assert.That(run.ParametersHash, Is.EqualTo(new DetectionParameters().ComputeHash()));
        Assert.That(run.CodeVersion, Is.Not.Empty);
        Assert.That(run.KnownOperators, Is.EqualTo(new[] { "op-a" }));
        Assert.That(run.Clusters.Where(c => c.Flagged).Select(c => c.Members.Count), Is.EquivalentTo(new[] { 20, 12 }));
        var requestRecords = run.Clusters.Where(c => c.Evidence is not null).SelectMany(c => c.Evidence!.Steps)
            .SelectMany(s => s.Links).SelectMany(l => l.Records).Where(r => r.RequestRowId is not null).ToList();
        Assert.That(requestRecords, Is.Not.Empty);
        Assert.That(requestRecords.All(r => r.RequestId == $"req-{r.RequestRowId}"), Is.True);
    }

    [Test]
    public async Task ShouldReproduceTheMembershipHashAndKeepClusterIdsOnASecondRun()
    {
        var (handler, runs, _) = Setup(Population());
        var first = (await handler.Handle(new DetectClustersCommand(), CancellationToken.None)).Run;
        var second = (await handler.Handle(new DetectClustersCommand(), CancellationToken.None)).Run;
        Assert.That(second.RunId, Is.EqualTo("run-0002"));
        Assert.That(second.MembershipHash, Is.EqualTo(first.MembershipHash));
        Assert.That(second.Clusters.Select(c => c.Id), Is.EqualTo(first.Clusters.Select(c => c.Id)));
        Assert.That(second.Clusters.Select(c => c.Lineage), Is.All.EqualTo(ClusterLineage.Unchanged));
        Assert.That(runs.Runs, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ShouldExportTheContractJson()
    {
        var (handler, runs, _) = Setup(Population());
        await handler.Handle(new DetectClustersCommand(), CancellationToken.None);
        using var stream = new MemoryStream();
        var result = await new ExportClustersHandler(runs).Handle(new ExportClustersQuery(stream), CancellationToken.None);
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        var root = doc.RootElement;
        Assert.That(root.GetProperty("runId").GetString(), Is.EqualTo("run-0001"));
        Assert.That(root.GetProperty("createdAt").GetString(), Is.EqualTo("2026-02-20T10:00:00Z"));
        var clusters = root.GetProperty("clusters").EnumerateArray().ToList();
        Assert.That(clusters, Has.Count.EqualTo(result.ClusterCount));
        var members = clusters.SelectMany(c => c.GetProperty("members").EnumerateArray().Select(m => m.GetString())).ToList();
        Assert.That(members, Is.Unique);
        var attributed = clusters.Single(c => c.GetProperty("operator").ValueKind == JsonValueKind.Object);
        Assert.That(attributed.GetProperty("operator").GetProperty("id").GetString(), Is.EqualTo("op-a"));
        Assert.That(attributed.GetProperty("operator").GetProperty("name").GetString(), Is.EqualTo("Example Lab"));
        Assert.That(attributed.GetProperty("flagged").GetBoolean(), Is.True);
        Assert.That(clusters.All(c => c.GetProperty("riskScore").GetDouble() is >= 0 and <= 1), Is.True);
    }

    [Test]
    public async Task ShouldEvaluateARunAgainstTruth()
    {
        var (handler, runs, _) = Setup(Population());
        var run = (await handler.Handle(new DetectClustersCommand(), CancellationToken.None)).Run;
        var truthCsv = new StringBuilder("account_id,label,operator_id,kind\n");
        foreach (var id in run.Clusters.SelectMany(c => c.Members).Concat(Enumerable.Range(0, 80).Select(i => $"user-{i}")).Distinct())
        {
            var (label, op, kind) = id.Split('-')[0] switch
            {
                "camp" => ("fraud", "op-a", "sync_operator"),
                "rogue" => ("fraud", "op-unknown", "unknown_operator"),
                "family" => ("legit", "", "legit_family"),
                "office" => ("legit", "", "legit_office_team"),
                _ => ("legit", "", "legit_background"),
            };
            truthCsv.Append(id).Append(',').Append(label).Append(',').Append(op).Append(',').Append(kind).Append('\n');
        }

        // One fraud account the run misses: recall must show it.
        truthCsv.Append("missed-0,fraud,op-a,sync_operator\n");
        var truth = TruthFile.Parse(new StringReader(truthCsv.ToString()));
        var result = await new EvaluateRunHandler(runs).Handle(new EvaluateRunQuery(truth), CancellationToken.None);
        Assert.That(result.Precision, Is.EqualTo(1.0));
        Assert.That(result.Recall, Is.EqualTo(32.0 / 33).Within(1e-9));
        Assert.That(result.AttributionAccuracy, Is.EqualTo(1.0));
        Assert.That(result.LegitFlagged, Is.Zero);
        Assert.That(result.LegitAttributed, Is.Zero);
        Assert.That(result.BCubedPrecision, Is.EqualTo(1.0));
        Assert.That(result.BCubedRecall, Is.LessThan(1.0).And.GreaterThan(0.9));
        Assert.That(result.ByKind.Single(k => k.Kind == "legit_family").Accounts, Is.EqualTo(3));
    }

    [Test]
    public void ShouldCountALegitimateFlaggedAccountAgainstPrecisionAndByKind()
    {
        var p = new DetectionParameters();
        var run = new DetectionRun
        {
            RunId = "run-0001",
            CreatedAt = Now,
            Parameters = p,
            ParametersHash = p.ComputeHash(),
            InputHash = "x",
            CodeVersion = "t",
            MembershipHash = "m",
            KnownOperators = ["op-a"],
            NextClusterNumber = 2,
            Clusters =
            [
                new DetectedCluster
                {
                    Id = "c-0001", Members = ["f1", "f2", "l1"], RiskScore = 0.9, Flagged = true, Features = new ClusterFeatures(),
                    Operator = new OperatorAttribution("op-a", null, 0.9, 1, []),
                },
            ],
        };
        TruthRow[] truth = [new("f1", true, "op-a", "sync_operator"), new("f2", true, "op-a", "sync_operator"), new("l1", false, null, "legit_vpn")];
        var result = EvaluateRunHandler.Evaluate(run, truth);
        Assert.That(result.Precision, Is.EqualTo(2.0 / 3).Within(1e-9));
        Assert.That(result.Recall, Is.EqualTo(1.0));
        Assert.That(result.LegitFlagged, Is.EqualTo(1));
        Assert.That(result.LegitAttributed, Is.EqualTo(1));
        Assert.That(result.ByKind.Single(k => k.Kind == "legit_vpn").Attributed, Is.EqualTo(1));
        Assert.That(result.BCubedPrecision, Is.EqualTo(((2.0 / 3) + (2.0 / 3) + (1.0 / 3)) / 3).Within(1e-9));
    }
}
