namespace Distill.Attribution.Cli.Tests;

/// <summary>
/// kill -9 mid-ingest (issue 2 point 2): the real <c>distill ingest</c> is killed at seeded random moments, the
/// store must be consistent after every kill, and a re-run must end with exactly the contents of a clean ingest.
/// </summary>
public sealed class IngestCrashSafetyTests
{
    private const int Kills = 4;
    private const int Seed = 20261122;

    [Test]
    public async Task ShouldStayConsistentAfterEveryKillAndEndExactAfterARerun()
    {
        await GeneratedDataSet.EnsureAsync();
        using var dir = new TempDirectory();
        var store = dir.File("killed.db");
        var random = new Random(Seed);
        var cleanRequests = StoreDump.Scalar(GeneratedDataSet.CleanStore, "SELECT count(*) FROM requests");
        var killedMidway = 0;
        long previousRequests = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            // A random point past a random share of the requests (ascending, so each re-run gets further), plus a
            // random extra delay so the kill lands anywhere: inside a batch, at a commit, between files. Polling the
            // committed count rather than sleeping a fixed time keeps the test meaningful on a slow or fast machine.
            var target = (long)(cleanRequests * (kill + random.NextDouble()) / (Kills + 1));
            var extra = TimeSpan.FromMilliseconds(random.Next(0, 400));
            using var process = DistillProcess.Start("ingest", "--store", store, "--rejects", dir.File("rejects.jsonl"), GeneratedDataSet.Input);
            var drainOut = process.StandardOutput.ReadToEndAsync();
            var drainErr = process.StandardError.ReadToEndAsync();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (!process.HasExited && CommittedRequests(store) < target && watch.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(25);
            }

            await Task.Delay(extra);
            var wasRunning = !process.HasExited;
            if (wasRunning)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            await Task.WhenAll(drainOut, drainErr);
            var requests = AssertConsistent(store, $"after kill {kill + 1} (target {target:N0} + {extra.TotalMilliseconds} ms)");
            Assert.That(requests, Is.GreaterThanOrEqualTo(previousRequests), "a kill lost committed rows");
            previousRequests = requests;
            if (wasRunning && requests < cleanRequests)
            {
                killedMidway++;
            }

            TestContext.Out.WriteLine($"kill {kill + 1}: target {target:N0} + {extra.TotalMilliseconds} ms at {watch.Elapsed.TotalSeconds:F2} s, running={wasRunning}, requests {requests:N0} of {cleanRequests:N0}");
        }

        Assert.That(killedMidway, Is.GreaterThanOrEqualTo(Kills - 1), "kills did not land mid-ingest; the test proved little");

        var rerun = await DistillProcess.RunAsync("ingest", "--store", store, "--rejects", dir.File("rejects.jsonl"), GeneratedDataSet.Input);
        Assert.That(rerun.ExitCode, Is.Zero, rerun.ToString());
        AssertConsistent(store, "after the re-run");
        Assert.That(
            StoreDump.Scalar(store, "SELECT requests_upto FROM aggregate_watermark"),
            Is.EqualTo(StoreDump.Scalar(store, "SELECT max(id) FROM requests")),
            "a finished ingest leaves every request summed");

        var expected = await DistillProcess.RunAsync("stats", "--json", "--store", GeneratedDataSet.CleanStore);
        var actual = await DistillProcess.RunAsync("stats", "--json", "--store", store);
        Assert.That(actual.Output, Is.EqualTo(expected.Output));
        Assert.That(StoreDump.ContentHash(store), Is.EqualTo(StoreDump.ContentHash(GeneratedDataSet.CleanStore)));
        Assert.That(await IngestIdempotencyTests.InputHashAsync(store), Is.EqualTo(await IngestIdempotencyTests.InputHashAsync(GeneratedDataSet.CleanStore)));
    }

    /// <summary>The request count the store has committed (0 while the file or its tables do not exist yet).</summary>
    private static long CommittedRequests(string store)
    {
        try
        {
            return File.Exists(store) ? StoreDump.Scalar(store, "SELECT coalesce((SELECT rows FROM content_digests WHERE name = 'requests'), 0)") : 0;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // not migrated yet, or busy for a moment
        }
    }

    /// <summary>Integrity, and the aggregates agree with the rows they summarise; returns the request count.</summary>
    private static long AssertConsistent(string store, string when)
    {
        if (!File.Exists(store))
        {
            return 0;
        }

        Assert.That(StoreDump.Text(store, "PRAGMA integrity_check"), Is.EqualTo("ok"), when);
        if (StoreDump.Scalar(store, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'account_stats'") == 0)
        {
            return 0; // killed before the first migration committed: an empty file is consistent.
        }

        var requests = StoreDump.Scalar(store, "SELECT count(*) FROM requests");
        var sessions = StoreDump.Scalar(store, "SELECT count(*) FROM sessions");
        // Since migration 0007 the aggregates are written now and then, not in every batch: they must count exactly
        // the requests up to their watermark (a kill leaves the rest for the next writer, which sums them again).
        var summed = StoreDump.Scalar(store, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'aggregate_watermark'") == 0
            ? requests
            : StoreDump.Scalar(store, "SELECT count(*) FROM requests WHERE id <= (SELECT requests_upto FROM aggregate_watermark)");
        Assert.Multiple(() =>
        {
            Assert.That(StoreDump.Scalar(store, "SELECT coalesce(sum(requests), 0) FROM account_stats"), Is.EqualTo(summed), $"account_stats {when}");
            Assert.That(StoreDump.Scalar(store, "SELECT coalesce(sum(requests), 0) FROM account_model_stats"), Is.EqualTo(summed), $"account_model_stats {when}");
            Assert.That(StoreDump.Scalar(store, "SELECT coalesce((SELECT rows FROM content_digests WHERE name = 'requests'), 0)"), Is.EqualTo(requests), $"request digest {when}");
            Assert.That(StoreDump.Scalar(store, "SELECT coalesce((SELECT rows FROM content_digests WHERE name = 'sessions'), 0)"), Is.EqualTo(sessions), $"session digest {when}");
            Assert.That(StoreDump.Scalar(store, "SELECT count(*) FROM requests r WHERE NOT EXISTS (SELECT 1 FROM account_keys k WHERE k.id = r.account)"), Is.Zero, $"dangling request accounts {when}");
        });
        return requests;
    }
}
