using System.Text.Json;

namespace Distill.Attribution.Cli.Tests.Verbs;

/// <summary>
/// <c>distill watch</c> as a real process: each batch ingested exactly once, unready files left alone, a kill -9
/// mid-batch neither losing nor doubling rows, and a replay of generated data raising no alert on legitimate accounts.
/// </summary>
public sealed class WatchVerbTests
{
    private static readonly string[] GraphTables = ["accounts", "payments", "sessions", "requests"];

    [Test]
    public async Task ShouldIngestEachReadyBatchOnceAndLeaveTheRestAlone()
    {
        await GeneratedDataSet.EnsureAsync();
        using var dir = new TempDirectory();
        var inbox = Directory.CreateDirectory(dir.File("inbox")).FullName;
        var store = dir.File("live.db");
        var setup = Directory.CreateDirectory(Path.Combine(inbox, "0001-setup")).FullName;
        foreach (var kind in new[] { "accounts", "payments", "sessions", "releases", "indicators" })
        {
            File.Copy(Path.Combine(GeneratedDataSet.Input, kind + ".csv"), Path.Combine(setup, kind + ".csv"));
        }

        File.Copy(Path.Combine(GeneratedDataSet.Input, "requests.csv"), Path.Combine(inbox, "requests-0002.csv"));
        // The same rows exported again under another name: all duplicates, and a second detection run over the same data,
        // which confirms the verdicts the first one reached (a new cluster is alerted once its verdict holds on two runs).
        File.Copy(Path.Combine(GeneratedDataSet.Input, "requests.csv"), Path.Combine(inbox, "requests-0002b.csv"));
        File.WriteAllText(Path.Combine(inbox, "requests-0003.csv.part"), "request_id,account_id,ts\nhalf,writ");
        var alerts = dir.File("alerts.jsonl");

        var first = await DistillProcess.RunAsync("watch", inbox, "--once", "--settle", "0s", "--store", store, "--alerts", alerts, "--rejects", dir.File("rejects.jsonl"));
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        var batchLines = first.Output.Split('\n').Where(l => l.StartsWith("batch ", StringComparison.Ordinal)).ToArray();
        Assert.That(batchLines, Has.Length.EqualTo(3), first.ToString());
        Assert.That(batchLines[0], Does.StartWith("batch 0001-setup:"), "name order");
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Combine(inbox, "done")).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "0001-setup", "requests-0002.csv", "requests-0002b.csv" }));
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Combine(inbox, "processing")), Is.Empty);
        Assert.That(File.Exists(Path.Combine(inbox, "requests-0003.csv.part")), Is.True, "a temp name is never taken");
        AssertSameRows(store, "after the first watch");
        Assert.That(File.ReadAllLines(alerts).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()), Has.Some.EqualTo("raised"));

        // The same batch dropped again (same name and content) is recognised; a fresh but unsettled file waits.
        File.Copy(Path.Combine(GeneratedDataSet.Input, "requests.csv"), Path.Combine(inbox, "requests-0002.csv"));
        File.Copy(Path.Combine(GeneratedDataSet.Input, "releases.csv"), Path.Combine(inbox, "releases-0004.csv"));
        var second = await DistillProcess.RunAsync("watch", inbox, "--once", "--settle", "1h", "--store", store, "--rejects", dir.File("rejects.jsonl"));
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(second.Output, Does.Not.Contain("batch "), "both files were written just now: not settled for an hour");

        File.WriteAllText(Path.Combine(inbox, "requests-0002.csv.ready"), "");
        var third = await DistillProcess.RunAsync("watch", inbox, "--once", "--settle", "1h", "--store", store, "--rejects", dir.File("rejects.jsonl"));
        Assert.That(third.ExitCode, Is.Zero, third.ToString());
        Assert.That(third.Output, Does.Contain("batch requests-0002.csv: already ingested"), "a .ready marker makes a batch ready at once");
        Assert.That(third.Output, Does.Not.Contain("releases-0004"));
        Assert.That(File.Exists(Path.Combine(inbox, "requests-0002.csv.ready")), Is.False);
        AssertSameRows(store, "after the re-drop");
    }

    [Test]
    public async Task ShouldNeitherLoseNorDoubleRowsOrAlertsWhenKilledMidBatch()
    {
        await GeneratedDataSet.EnsureAsync();
        using var dir = new TempDirectory();
        var inbox = Directory.CreateDirectory(dir.File("inbox")).FullName;
        var store = dir.File("live.db");
        CopyDirectory(GeneratedDataSet.Input, Path.Combine(inbox, "batch-0001"));
        var cleanRequests = StoreDump.Scalar(GeneratedDataSet.CleanStore, "SELECT count(*) FROM requests");
        string[] args = ["watch", inbox, "--once", "--settle", "0s", "--store", store, "--alerts", dir.File("alerts.jsonl"), "--rejects", dir.File("rejects.jsonl")];

        // Kill 1 mid-ingest (a third of the requests committed); kill 2 once all are in (detection or alerts running).
        var kills = 0;
        foreach (var target in new[] { cleanRequests / 3, cleanRequests })
        {
            using var process = DistillProcess.Start(args);
            var drainOut = process.StandardOutput.ReadToEndAsync();
            var drainErr = process.StandardError.ReadToEndAsync();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (!process.HasExited && Committed(store) < target && watch.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(20);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                kills++;
            }

            await process.WaitForExitAsync();
            await Task.WhenAll(drainOut, drainErr);
            Assert.That(Committed(store), Is.LessThanOrEqualTo(cleanRequests), "a kill doubled rows");
            TestContext.Out.WriteLine($"kill at {target:N0}: requests {Committed(store):N0} of {cleanRequests:N0}, batch in processing/: {Directory.Exists(Path.Combine(inbox, "processing", "batch-0001"))}");
        }

        Assert.That(kills, Is.GreaterThanOrEqualTo(1), "no kill landed mid-batch; the test proved little");
        Assert.That(Directory.Exists(Path.Combine(inbox, "processing", "batch-0001")), Is.True, "a killed batch stays claimed");

        var rerun = await DistillProcess.RunAsync(args);
        Assert.That(rerun.ExitCode, Is.Zero, rerun.ToString());
        Assert.That(rerun.Output, Does.Contain("resuming batch-0001"));
        Assert.That(Directory.Exists(Path.Combine(inbox, "done", "batch-0001")), Is.True);
        AssertSameRows(store, "after the resumed batch");
        Assert.That(await IngestIdempotencyTests.InputHashAsync(store), Is.EqualTo(await IngestIdempotencyTests.InputHashAsync(GeneratedDataSet.CleanStore)));
        var open = StoreDump.Scalar(store, "SELECT count(*) FROM alerts WHERE status <> 2");
        var keys = StoreDump.Scalar(store, "SELECT count(*) FROM (SELECT DISTINCT cluster_id, kind, subject FROM alerts)");
        Assert.That((open, keys), Is.EqualTo((keys, keys)), "one alert per key");
        Assert.That(open, Is.GreaterThan(0));
    }

    [Test]
    public async Task ShouldRaiseNoAlertOnLegitimateAccountsOverAReplay()
    {
        await GeneratedDataSet.EnsureAsync();
        using var dir = new TempDirectory();
        var alerts = dir.File("alerts.jsonl");
        var replay = await DistillProcess.RunAsync(TimeSpan.FromMinutes(10), "replay", GeneratedDataSet.Input, "--batch", "2d", "--store", dir.File("replay.db"),
            "--alerts", alerts, "--rejects", dir.File("rejects.jsonl"), "--window", "30d");
        Assert.That(replay.ExitCode, Is.Zero, replay.ToString());
        Assert.That(replay.Output, Does.Match(@"replay: (2[89]|3[01]) batches processed; 0 left"), "about 60 days in 2-day batches");
        var truth = File.ReadLines(GeneratedDataSet.Truth).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => (Fraud: f[1] == "fraud", Operator: f[2], Kind: f[3]), StringComparer.Ordinal);
        var raised = File.ReadLines(alerts).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.That(raised, Is.Not.Empty);
        var onLegit = raised
            .SelectMany(a => a.GetProperty("members").EnumerateArray().Select(m => m.GetString()!)
                .Where(m => truth.TryGetValue(m, out var t) && !t.Fraud)
                .Select(m => $"{a.GetProperty("kind").GetString()} {a.GetProperty("clusterId").GetString()}: {m} ({truth[m].Kind})"))
            .Distinct().ToArray();
        Assert.That(onLegit, Is.Empty, "alerts naming legitimate accounts");
        var alertedOperators = raised.SelectMany(a => a.GetProperty("members").EnumerateArray().Select(m => m.GetString()!))
            .Where(truth.ContainsKey).Select(m => truth[m].Operator).Where(o => o.Length > 0).ToHashSet(StringComparer.Ordinal);
        TestContext.Out.WriteLine($"{raised.Length} alert events; operators alerted on: {string.Join(", ", alertedOperators.Order(StringComparer.Ordinal))}");
    }

    /// <summary>
    /// Decision D23: a replay whose snapshots are kept and brought up to date from what the store gained (the default, here
    /// also checked against a full read after every batch) makes, batch for batch, the same runs as one that reads the whole
    /// store every time: the same input hash and the same membership.
    /// </summary>
    [Test]
    public async Task ShouldMakeTheSameRunsWithIncrementalSnapshotsAsWithFullReads()
    {
        await GeneratedDataSet.EnsureAsync();
        using var dir = new TempDirectory();
        var runs = new List<string>();
        foreach (var mode in new[] { "--check-snapshots", "--full-snapshots" })
        {
            var store = dir.File(mode.TrimStart('-') + ".db");
            var replay = await DistillProcess.RunAsync(TimeSpan.FromMinutes(10), "replay", GeneratedDataSet.Input, "--batch", "4d", "--store", store,
                "--work", dir.File(mode.TrimStart('-') + ".work"), "--rejects", dir.File("rejects.jsonl"), "--window", "20d", mode);
            Assert.That(replay.ExitCode, Is.Zero, replay.ToString());
            var cost = replay.Output.Split('\n').Where(l => l.StartsWith("  cost: ", StringComparison.Ordinal)).ToArray();
            Assert.That(cost, Has.Length.GreaterThan(10));
            if (mode == "--check-snapshots")
            {
                Assert.That(cost.Skip(1), Has.All.Contains("snapshot: delta +").And.All.Contains("(checked against a full read: equal)"));
            }
            else
            {
                Assert.That(cost, Has.All.Contains("snapshot: full read (incremental reads off)"));
            }

            runs.Add(StoreDump.Text(store, "SELECT group_concat(line, char(10)) FROM (SELECT run_id || ' ' || input_hash || ' ' || membership_hash AS line FROM runs ORDER BY run_id)"));
        }

        Assert.That(runs[0].Split('\n'), Has.Length.GreaterThan(10));
        Assert.That(runs[0], Is.EqualTo(runs[1]));
    }

    private static void AssertSameRows(string store, string when)
    {
        foreach (var table in GraphTables)
        {
            Assert.That(StoreDump.Scalar(store, $"SELECT count(*) FROM {table}"), Is.EqualTo(StoreDump.Scalar(GeneratedDataSet.CleanStore, $"SELECT count(*) FROM {table}")), $"{table} {when}");
        }
    }

    private static long Committed(string store)
    {
        try
        {
            return File.Exists(store) ? StoreDump.Scalar(store, "SELECT coalesce((SELECT rows FROM content_digests WHERE name = 'requests'), 0)") : 0;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0;
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
