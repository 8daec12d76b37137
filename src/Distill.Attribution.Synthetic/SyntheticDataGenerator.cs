using System.Diagnostics;
using System.Globalization;

namespace Distill.Attribution.Synthetic;

/// <summary>
/// Writes a synthetic data set in the input contract (<c>DIR/input/*.csv</c>) with its ground truth
/// (<c>DIR/truth.csv</c>). Deterministic per seed and options: the thread count changes the speed, never
/// the bytes. Request rows are formatted into pooled buffers by account shards on worker threads and
/// written in shard order by the calling thread.
/// </summary>
public static class SyntheticDataGenerator
{
    /// <summary>Rows per shard: large enough to amortise a task, small enough to keep both cores busy.</summary>
    private const int RowsPerShard = 1 << 16;

    private static readonly string[] OwnFiles = ["releases.", "indicators.", "accounts.", "payments.", "sessions.", "requests."];

    public static async Task<GenerationSummary> GenerateAsync(
        string outputDirectory,
        SyntheticOptions options,
        IProgress<GenerationProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Scale);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CamouflageShare, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.CamouflageShare, 0.9);
        var clock = Stopwatch.StartNew();
        // Planning is one synchronous computation (tens of seconds at scale 10): off the caller's thread, so that the
        // caller gets its task at once and Ctrl+C / SIGTERM can end the process while it runs.
        var world = await Task.Run(() => new SyntheticWorldPlanner(options).Plan(), cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var input = Path.Combine(outputDirectory, "input");
        Directory.CreateDirectory(input);
        foreach (var stale in Directory.EnumerateFiles(input))
        {
            // A smaller re-run must not leave parts of a bigger one behind, nor a .csv beside a .csv.gz.
            var name = Path.GetFileName(stale);
            if (OwnFiles.Any(f => name.StartsWith(f, StringComparison.Ordinal)) && (name.EndsWith(".csv", StringComparison.Ordinal) || name.EndsWith(".csv.gz", StringComparison.Ordinal)))
            {
                File.Delete(stale);
            }
        }

        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var writer = new RequestRowWriter(world);
        WriteReleases(world, options, input, rows);
        WriteIndicators(world, options, input, rows);
        WriteAccounts(world, options, input, rows);
        WritePayments(world, options, input, rows);
        WriteSessions(world, options, writer, input, rows);
        var truthPath = Path.Combine(outputDirectory, "truth.csv");
        WriteTruth(world, truthPath);
        ScenarioFile.Write(Path.Combine(outputDirectory, "scenario.json"), world, options);
        await WriteRequestsAsync(world, options, input, rows, progress, cancellationToken);

        var accountsPer = new SortedDictionary<ScenarioKind, int>();
        var requestsPer = new SortedDictionary<ScenarioKind, long>();
        foreach (var a in world.Accounts)
        {
            accountsPer[a.Scenario] = accountsPer.GetValueOrDefault(a.Scenario) + 1;
            requestsPer[a.Scenario] = requestsPer.GetValueOrDefault(a.Scenario) + a.Behaviour.RequestCount;
        }

        long bytes = 0;
        foreach (var file in Directory.EnumerateFiles(input))
        {
            bytes += new FileInfo(file).Length;
        }

        return new GenerationSummary(input, truthPath, rows, accountsPer, requestsPer, bytes, clock.Elapsed);
    }

    private static void WriteReleases(SyntheticWorld world, SyntheticOptions options, string input, SortedDictionary<string, long> rows)
    {
        using var csv = new CsvTextWriter(Path.Combine(input, "releases.csv"), options.Gzip, "model", "released_at");
        for (var m = 0; m < world.Models.Length; m++)
        {
            csv.Field(world.Models[m]).Timestamp(world.ModelReleases[m]).EndRow();
        }

        rows[OutputFile.NameOf("releases.csv", options.Gzip)] = csv.Rows;
    }

    private static void WriteIndicators(SyntheticWorld world, SyntheticOptions options, string input, SortedDictionary<string, long> rows)
    {
        using var csv = new CsvTextWriter(Path.Combine(input, "indicators.csv"), options.Gzip, "operator_id", "operator_name", "kind", "value", "confidence", "source");
        foreach (var i in world.Indicators)
        {
            csv.Field(i.OperatorId).Field(i.OperatorName).Field(i.Kind).Field(i.Value).Field(i.Confidence).Field(i.Source).EndRow();
        }

        rows[OutputFile.NameOf("indicators.csv", options.Gzip)] = csv.Rows;
    }

    private static void WriteAccounts(SyntheticWorld world, SyntheticOptions options, string input, SortedDictionary<string, long> rows)
    {
        using var csv = new CsvTextWriter(Path.Combine(input, "accounts.csv"), options.Gzip,
            "account_id", "created_at", "email_domain", "email_hash", "display_name", "org_name", "access_pathway", "country", "status");
        foreach (var a in world.Accounts)
        {
            csv.Field(a.Id).Timestamp(a.CreatedAt).Field(a.EmailDomain).Field(a.EmailHash).Field(a.DisplayName)
                .Field(a.OrgName).Field(a.Pathway).Field(a.Country).Field(a.Status).EndRow();
        }

        rows[OutputFile.NameOf("accounts.csv", options.Gzip)] = csv.Rows;
    }

    private static void WritePayments(SyntheticWorld world, SyntheticOptions options, string input, SortedDictionary<string, long> rows)
    {
        using var csv = new CsvTextWriter(Path.Combine(input, "payments.csv"), options.Gzip, "account_id", "instrument_fingerprint", "kind", "bin", "issuer_country", "first_seen");
        foreach (var (account, p) in world.Payments.OrderBy(p => p.Account.Id, StringComparer.Ordinal).ThenBy(p => p.Payment.FirstSeen))
        {
            csv.Field(account.Id).Field(p.Fingerprint).Field(p.Kind).Field(p.Bin).Field(p.IssuerCountry).Timestamp(p.FirstSeen).EndRow();
        }

        rows[OutputFile.NameOf("payments.csv", options.Gzip)] = csv.Rows;
    }

    private static void WriteSessions(SyntheticWorld world, SyntheticOptions options, RequestRowWriter writer, string input, SortedDictionary<string, long> rows)
    {
        using var csv = new CsvTextWriter(Path.Combine(input, "sessions.csv"), options.Gzip, "account_id", "ip", "seen_at", "asn", "asn_org", "ip_type");
        foreach (var a in world.Accounts)
        {
            writer.WriteSessions(a, csv);
        }

        rows[OutputFile.NameOf("sessions.csv", options.Gzip)] = csv.Rows;
    }

    private static void WriteTruth(SyntheticWorld world, string path)
    {
        using var csv = new CsvTextWriter(path, "account_id", "label", "operator_id", "kind");
        foreach (var a in world.Accounts)
        {
            csv.Field(a.Id).Field(ScenarioNames.IsFraud(a.Scenario) ? "fraud" : "legit").Field(a.OperatorId).Field(ScenarioNames.Name(a.Scenario)).EndRow();
        }
    }

    private static async Task WriteRequestsAsync(
        SyntheticWorld world,
        SyntheticOptions options,
        string input,
        SortedDictionary<string, long> rows,
        IProgress<GenerationProgress>? progress,
        CancellationToken cancellationToken)
    {
        // Shards are runs of consecutive accounts (id order) of about RowsPerShard rows.
        var shardStarts = new List<int> { 0 };
        long inShard = 0;
        for (var i = 0; i < world.Accounts.Length; i++)
        {
            if (inShard >= RowsPerShard)
            {
                shardStarts.Add(i);
                inShard = 0;
            }

            inShard += world.Accounts[i].Behaviour.RequestCount;
        }

        shardStarts.Add(world.Accounts.Length);
        var shardCount = shardStarts.Count - 1;
        var parts = world.TotalRequests > options.RowsPerRequestFile;
        var part = 0;
        Stream? file = null;
        string? fileName = null;
        long fileRows = 0;
        long written = 0;
        long bytes = 0;
        var header = System.Text.Encoding.UTF8.GetBytes(RequestRowWriter.Header + "\n");
        var threads = Math.Max(1, options.Threads);
        var pool = new System.Collections.Concurrent.ConcurrentBag<Utf8RowBuffer>();
        var writers = new System.Collections.Concurrent.ConcurrentBag<RequestRowWriter>();
        var pending = new Queue<(Task<Utf8RowBuffer> Task, long Rows)>();
        var next = 0;
        try
        {
            while (next < shardCount || pending.Count > 0)
            {
                while (next < shardCount && pending.Count < threads * 2)
                {
                    var from = shardStarts[next];
                    var to = shardStarts[next + 1];
                    long shardRows = 0;
                    for (var i = from; i < to; i++)
                    {
                        shardRows += world.Accounts[i].Behaviour.RequestCount;
                    }

                    pending.Enqueue((Task.Run(() => FormatShard(world, from, to, pool, writers), cancellationToken), shardRows));
                    next++;
                }

                var (task, count) = pending.Dequeue();
                var buffer = await task;
                if (file is null || (parts && fileRows >= options.RowsPerRequestFile))
                {
                    if (file is not null)
                    {
                        await file.DisposeAsync();
                        rows[fileName!] = fileRows;
                    }

                    part++;
                    var name = parts ? string.Create(CultureInfo.InvariantCulture, $"requests.part{part}.csv") : "requests.csv";
                    fileName = OutputFile.NameOf(name, options.Gzip);
                    file = OutputFile.Create(Path.Combine(input, name), options.Gzip, 1 << 20);
                    file.Write(header);
                    bytes += header.Length;
                    fileRows = 0;
                }

                file.Write(buffer.WrittenSpan);
                bytes += buffer.Length;
                buffer.Clear();
                pool.Add(buffer);
                fileRows += count;
                written += count;
                progress?.Report(new GenerationProgress(written, world.TotalRequests, bytes));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            if (file is not null)
            {
                await file.DisposeAsync();
                rows[fileName!] = fileRows;
            }

            while (pending.Count > 0)
            {
                try
                {
                    await pending.Dequeue().Task;
                }
                catch (OperationCanceledException)
                {
                    // Already cancelling; the shard's buffer is simply dropped.
                }
            }

            foreach (var buffer in pool)
            {
                buffer.Dispose();
            }
        }
    }

    private static Utf8RowBuffer FormatShard(
        SyntheticWorld world,
        int from,
        int to,
        System.Collections.Concurrent.ConcurrentBag<Utf8RowBuffer> pool,
        System.Collections.Concurrent.ConcurrentBag<RequestRowWriter> writers)
    {
        var buffer = pool.TryTake(out var reused) ? reused : new Utf8RowBuffer(RowsPerShard * 160);
        var writer = writers.TryTake(out var w) ? w : new RequestRowWriter(world);
        for (var i = from; i < to; i++)
        {
            writer.WriteRequests(world.Accounts[i], buffer);
        }

        writers.Add(writer);
        return buffer;
    }
}
