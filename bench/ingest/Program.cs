using System.Diagnostics;
using System.Globalization;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Sqlite;
using Microsoft.Data.Sqlite;

namespace Distill.Bench.Ingest;

/// <summary>
/// Prints write and snapshot-read speed of the SQLite store on synthetic requests, beside SQLite's own
/// floor in the same run: the same rows inserted into a bare table with the same unique request_id index
/// through one prepared statement, and a bare scan of that table.
/// Usage: dotnet run -c Release --project bench/ingest -- [rows=2000000] [batch=50000] [dir=/tmp] [grouped|shuffled] [csv-path]
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000_000;
        var batchSize = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
        var dir = args.Length > 2 ? args[2] : Path.GetTempPath();
        var shuffled = args.Length > 3 && args[3] == "shuffled";
        var requests = Generate(rows, seed: 42, shuffled);
        if (args.Length > 4)
        {
            WriteCsv(args[4], requests);
        }

        Console.WriteLine($"rows {rows:N0}, batch {batchSize:N0}, random 16-hex request ids, 20k accounts, {(shuffled ? "rows in random order" : "rows grouped by account")}");

        var storePath = Path.Combine(dir, "bench-store.db");
        var floorPath = Path.Combine(dir, "bench-floor.db");
        Delete(storePath);
        Delete(floorPath);

        MarkCpu();
        var hashWatch = Stopwatch.StartNew();
        Span<byte> digest = stackalloc byte[32];
        var buffer = new byte[256];
        for (var i = 0; i < rows; i++)
        {
            var n = System.Text.Encoding.UTF8.GetBytes(requests[i].RequestId, buffer);
            System.Security.Cryptography.SHA256.HashData(buffer.AsSpan(0, n + 60), digest);
            System.Security.Cryptography.SHA256.HashData(buffer.AsSpan(0, n), digest);
        }

        Report("component: 2 x SHA-256 per row (row digest + request key)", rows, hashWatch.Elapsed.TotalSeconds);

        MarkCpu();
        var floorSeconds = BareInsert(floorPath, requests, batchSize);
        Report("sqlite floor: bare table + unique request_id, 1 prepared INSERT", rows, floorSeconds);

        await using (var store = await SqliteGraphStore.OpenAsync(storePath, CancellationToken.None))
        {
            MarkCpu();
            var watch = Stopwatch.StartNew();
            for (var start = 0; start < rows; start += batchSize)
            {
                var batch = new IngestBatch
                {
                    Kind = RecordKind.Requests,
                    Source = "bench",
                    Requests = requests.GetRange(start, Math.Min(batchSize, rows - start)),
                };
                await store.WriteBatchAsync(batch, CancellationToken.None);
            }

            Report("store: WriteBatchAsync (dictionaries, dedup, aggregates, digest)", rows, watch.Elapsed.TotalSeconds);

            MarkCpu();
            watch.Restart();
            var again = new IngestBatch { Kind = RecordKind.Requests, Source = "bench", Requests = requests.GetRange(0, Math.Min(batchSize * 4, rows)) };
            var added = await store.WriteBatchAsync(again, CancellationToken.None);
            Report($"store: re-ingest of {again.Count:N0} duplicates ({added} added)", again.Count, watch.Elapsed.TotalSeconds);

            MarkCpu();
            var floorScan = BareScan(floorPath);
            Report("sqlite floor: bare scan, 10 int64 columns per row", rows, floorScan);

            MarkCpu();
            watch.Restart();
            var snapshot = await store.LoadSnapshotAsync(null, CancellationToken.None);
            Report("store: LoadSnapshotAsync (all tables, CSR, dense ids, InputHash)", snapshot.RequestCount, watch.Elapsed.TotalSeconds);
        }

        Console.WriteLine($"store file {new FileInfo(storePath).Length / 1048576.0:F0} MiB, floor file {new FileInfo(floorPath).Length / 1048576.0:F0} MiB");
        Delete(storePath);
        Delete(floorPath);
        return 0;
    }

    private static TimeSpan cpuMark = Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>
    /// Prints wall-clock and CPU-time rates. The machine is shared, so wall time depends on the load;
    /// rows per CPU-second is what this code costs (all threads of the process, GC included).
    /// </summary>
    private static void Report(string what, long rows, double seconds)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var cpuSeconds = (cpu - cpuMark).TotalSeconds;
        cpuMark = cpu;
        Console.WriteLine($"{what,-72} {rows / seconds,12:N0} rows/s wall ({seconds:F2} s)  {rows / cpuSeconds,12:N0} rows/CPU-s ({cpuSeconds:F2} s)");
    }

    private static void MarkCpu() => cpuMark = Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>
    /// Requests the way <c>distill generate</c> writes them: account after account (about 50 each), each
    /// account on a few IPs, models and templates of its own, ids random hex. With
    /// <paramref name="shuffled"/> the rows are in random order instead (the worst case for the
    /// per-account aggregates: every batch touches every account).
    /// </summary>
    private static List<RequestRecord> Generate(int rows, int seed, bool shuffled)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string[] capabilities = ["reasoning_cot", "rubric_grading", "censorship_rewrite", "agentic_coding", "tool_use", "computer_use", "vision", "chat", "other"];
        var list = new List<RequestRecord>(rows);
        Span<byte> id = stackalloc byte[8];
        const int accounts = 20_000;
        for (var account = 0; list.Count < rows; account = (account + 1) % accounts)
        {
            var run = 1 + random.Next(100);
            var baseIp = random.Next(1 << 20);
            var t = start.AddSeconds(random.Next(86_400 * 30));
            for (var k = 0; k < run && list.Count < rows; k++)
            {
                random.NextBytes(id);
                t = t.AddMilliseconds(random.Next(120_000));
                list.Add(new RequestRecord(
                    Convert.ToHexStringLower(id),
                    "acct-" + account.ToString(CultureInfo.InvariantCulture),
                    t,
                    "model-" + ((account + random.Next(2)) % 12).ToString(CultureInfo.InvariantCulture),
                    random.Next(10) == 0 ? null : capabilities[(account + random.Next(3)) % capabilities.Length],
                    "pf-" + ((account * 7) + random.Next(3)).ToString(CultureInfo.InvariantCulture),
                    "10." + ((baseIp + random.Next(3)) % (1 << 20)).ToString(CultureInfo.InvariantCulture),
                    "sdk-" + (account % 20).ToString(CultureInfo.InvariantCulture),
                    random.Next(4000),
                    random.Next(8000)));
            }
        }

        if (shuffled)
        {
            var array = list.ToArray();
            random.Shuffle(array);
            return [.. array];
        }

        return list;
    }

    /// <summary>The same rows as a contract CSV, for <c>sqlite3 .import</c> in run.sh.</summary>
    private static void WriteCsv(string path, List<RequestRecord> requests)
    {
        using var writer = new StreamWriter(path);
        writer.Write("request_id,account_id,ts,model,capability,prompt_fingerprint,ip,client,input_tokens,output_tokens\n");
        foreach (var r in requests)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{r.RequestId},{r.AccountId},{r.Ts:yyyy-MM-ddTHH:mm:ss.fffZ},{r.Model},{r.Capability},{r.PromptFingerprint},{r.Ip},{r.Client},{r.InputTokens},{r.OutputTokens}\n"));
        }
    }

    private static double BareInsert(string path, List<RequestRecord> requests, int batchSize)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Exec(connection, """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144;
            CREATE TABLE requests (id INTEGER PRIMARY KEY, request_id TEXT NOT NULL UNIQUE, account INTEGER, ts INTEGER, model INTEGER,
                capability INTEGER, prompt_fingerprint INTEGER, ip INTEGER, client INTEGER, input_tokens INTEGER, output_tokens INTEGER);
            """);
        var watch = Stopwatch.StartNew();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO requests(request_id, account, ts, model, capability, prompt_fingerprint, ip, client, input_tokens, output_tokens) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
        var parameters = new SqliteParameter[10];
        for (var p = 0; p < parameters.Length; p++)
        {
            parameters[p] = insert.Parameters.Add("$" + (p + 1).ToString(CultureInfo.InvariantCulture), p == 0 ? SqliteType.Text : SqliteType.Integer);
        }

        insert.Prepare();
        for (var start = 0; start < requests.Count; start += batchSize)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = start; i < Math.Min(start + batchSize, requests.Count); i++)
            {
                var r = requests[i];
                // Pre-encoded integers stand in for dictionary ids: the floor does no look-ups.
                parameters[0].Value = r.RequestId;
                parameters[1].Value = i & 0xffff;
                parameters[2].Value = r.Ts.ToUnixTimeMilliseconds();
                parameters[3].Value = 1;
                parameters[4].Value = 2;
                parameters[5].Value = 3;
                parameters[6].Value = 4;
                parameters[7].Value = 5;
                parameters[8].Value = r.InputTokens ?? 0;
                parameters[9].Value = r.OutputTokens ?? 0;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static double BareScan(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Exec(connection, "PRAGMA mmap_size = 1073741824;");
        var watch = Stopwatch.StartNew();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT id, account, ts, model, capability, prompt_fingerprint, ip, client, input_tokens, output_tokens FROM requests";
        using var reader = select.ExecuteReader();
        long sum = 0;
        while (reader.Read())
        {
            for (var c = 0; c < 10; c++)
            {
                sum += reader.GetInt64(c);
            }
        }

        GC.KeepAlive(sum);
        return watch.Elapsed.TotalSeconds;
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
