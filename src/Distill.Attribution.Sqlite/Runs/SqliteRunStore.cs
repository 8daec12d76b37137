using System.Globalization;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Runs;
using Distill.Attribution.Domain.Detection;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite.Runs;

/// <summary>
/// Detection runs in the same SQLite file as <see cref="SqliteGraphStore"/> (tables <c>runs</c>,
/// <c>clusters</c>, <c>cluster_members</c> of migration 0002). A run is saved in one IMMEDIATE transaction:
/// a reader sees all of it or none of it, and a killed process leaves no half run. It uses its own
/// connection per call (WAL lets it write beside the graph store's connection; busy_timeout serialises them).
/// </summary>
public sealed class SqliteRunStore : IRunStore
{
    private readonly SqliteStoreOptions options;
    private readonly Lock migrating = new();
    private volatile bool isMigrated;

    public SqliteRunStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        this.options = options;
    }

    /// <summary>A run store on the file at <paramref name="path"/> (created and migrated on first use).</summary>
    public static SqliteRunStore Open(string path) => new(new SqliteStoreOptions { Path = path });

    public Task<DetectionRun?> GetLatestRunAsync(CancellationToken ct) =>
        ReadAsync("SELECT seq FROM runs ORDER BY seq DESC LIMIT 1", null, ct);

    public Task<DetectionRun?> GetRunAsync(string runId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return ReadAsync("SELECT seq FROM runs WHERE run_id = $id", runId, ct);
    }

    public async Task<string?> GetLatestRunIdAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT run_id FROM runs ORDER BY seq DESC LIMIT 1";
        return find.ExecuteScalar() as string;
    }

    public async Task<RunMembership?> GetLatestMembershipAsync(CancellationToken ct)
    {
        await using (var connection = await OpenAsync(ct))
        {
            if (await Task.Run(() => ReadLatestMembership(connection, ct), ct) is { } membership)
            {
                return membership;
            }
        }

        var run = await GetLatestRunAsync(ct);
        return run is null ? null : RunMembership.Of(run);
    }

    /// <summary>
    /// The latest run's membership from <c>cluster_members</c> (which holds the latest run only) and the clusters' ids in
    /// ordinal order, without decompressing any detail. Null when there is no run, or when <c>cluster_members</c> does not
    /// hold exactly the latest run's members (the caller then reads the whole run).
    /// </summary>
    private static RunMembership? ReadLatestMembership(SqliteConnection connection, CancellationToken ct)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        using var header = connection.CreateCommand();
        header.Transaction = transaction;
        header.CommandText = "SELECT seq, run_id, next_cluster_number FROM runs ORDER BY seq DESC LIMIT 1";
        long seq;
        string runId;
        int next;
        using (var row = header.ExecuteReader())
        {
            if (!row.Read())
            {
                return null;
            }

            (seq, runId, next) = (row.GetInt64(0), row.GetString(1), row.GetInt32(2));
        }

        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        var sizes = new List<int>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT cluster, size FROM clusters WHERE run_seq = $seq ORDER BY ordinal";
            select.Parameters.AddWithValue("$seq", seq);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                order[reader.GetString(0)] = ids.Count;
                ids.Add(reader.GetString(0));
                sizes.Add(reader.GetInt32(1));
            }
        }

        var members = sizes.Select(size => new List<string>(size)).ToArray();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT account, cluster, run_seq FROM cluster_members";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                if (reader.GetInt64(2) != seq || !order.TryGetValue(reader.GetString(1), out var i))
                {
                    return null;
                }

                members[i].Add(reader.GetString(0));
            }
        }

        transaction.Commit();
        for (var i = 0; i < members.Length; i++)
        {
            if (members[i].Count != sizes[i])
            {
                return null;
            }

            // The run keeps its members sorted; the table's key order is the same ordinal order.
            members[i].Sort(StringComparer.Ordinal);
        }

        return new RunMembership(runId, next, [.. ids.Select((id, i) => new ClusterMembership(id, members[i]))]);
    }

    public async Task<Page<RunSummary>?> ListRunSummariesAsync(int first, int offset, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await Task.Run(() => ListSummaries(connection, first, offset), ct);
    }

    private static Page<RunSummary> ListSummaries(SqliteConnection connection, int first, int offset)
    {
        // One read transaction, so the count and the page agree; cluster counts come from the clusters table's key.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = "SELECT count(*) FROM runs";
        var total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = """
            SELECT r.run_id, r.created_at, r.parameters_json, r.parameters_hash, r.input_hash, r.code_version, r.membership_hash,
                   (SELECT count(*) FROM clusters c WHERE c.run_seq = r.seq),
                   (SELECT count(*) FROM clusters c WHERE c.run_seq = r.seq AND c.flagged = 1)
            FROM runs r ORDER BY r.seq DESC LIMIT $first OFFSET $offset
            """;
        select.Parameters.AddWithValue("$first", first);
        select.Parameters.AddWithValue("$offset", offset);
        var items = new List<RunSummary>(Math.Min(first, total));
        using (var r = select.ExecuteReader())
        {
            while (r.Read())
            {
                items.Add(new RunSummary(
                    r.GetString(0),
                    DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    DetectionParameters.FromJson(r.GetString(2)).ToJson(), // as RunSummary.Of writes it
                    r.GetString(3),
                    r.GetString(4),
                    r.GetString(5),
                    r.GetString(6),
                    r.GetInt32(7),
                    r.GetInt32(8)));
            }
        }

        transaction.Commit();
        return new Page<RunSummary>(items, total, Math.Min(offset, total));
    }

    public async Task SaveRunAsync(DetectionRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        // Compress before taking the write lock: the transaction only inserts prepared bytes.
        var details = new byte[run.Clusters.Count][];
        for (var i = 0; i < details.Length; i++)
        {
            details[i] = RunDetailJson.CompressCluster(run.Clusters[i]);
        }

        await using var connection = await OpenAsync(ct);
        await Task.Run(() => Save(connection, run, details, ct), ct);
    }

    private static void Save(SqliteConnection connection, DetectionRun run, byte[][] details, CancellationToken ct)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        long seq;
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO runs(run_id, created_at, input_hash, parameters_hash, code_version, membership_hash,
                                 next_cluster_number, parameters_json, known_operators, stats_json)
                VALUES ($run_id, $created_at, $input_hash, $parameters_hash, $code_version, $membership_hash,
                        $next, $parameters, $operators, $stats)
                RETURNING seq
                """;
            insert.Parameters.AddWithValue("$run_id", run.RunId);
            insert.Parameters.AddWithValue("$created_at", run.CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$input_hash", run.InputHash);
            insert.Parameters.AddWithValue("$parameters_hash", run.ParametersHash);
            insert.Parameters.AddWithValue("$code_version", run.CodeVersion);
            insert.Parameters.AddWithValue("$membership_hash", run.MembershipHash);
            insert.Parameters.AddWithValue("$next", run.NextClusterNumber);
            insert.Parameters.AddWithValue("$parameters", run.Parameters.ToJson());
            insert.Parameters.AddWithValue("$operators", RunDetailJson.Serialize(run.KnownOperators));
            insert.Parameters.AddWithValue("$stats", run.Stats is null ? DBNull.Value : RunDetailJson.Serialize(run.Stats));
            seq = (long)insert.ExecuteScalar()!;
        }

        using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM cluster_members";
            clear.ExecuteNonQuery();
        }

        using var cluster = connection.CreateCommand();
        cluster.Transaction = transaction;
        cluster.CommandText = """
            INSERT INTO clusters(run_seq, ordinal, cluster, size, risk_score, flagged, operator_id, operator_confidence, lineage, detail)
            VALUES ($seq, $ordinal, $cluster, $size, $risk, $flagged, $operator, $confidence, $lineage, $detail)
            """;
        var pSeq = cluster.Parameters.Add("$seq", SqliteType.Integer);
        var pOrdinal = cluster.Parameters.Add("$ordinal", SqliteType.Integer);
        var pCluster = cluster.Parameters.Add("$cluster", SqliteType.Text);
        var pSize = cluster.Parameters.Add("$size", SqliteType.Integer);
        var pRisk = cluster.Parameters.Add("$risk", SqliteType.Real);
        var pFlagged = cluster.Parameters.Add("$flagged", SqliteType.Integer);
        var pOperator = cluster.Parameters.Add("$operator", SqliteType.Text);
        var pConfidence = cluster.Parameters.Add("$confidence", SqliteType.Real);
        var pLineage = cluster.Parameters.Add("$lineage", SqliteType.Text);
        var pDetail = cluster.Parameters.Add("$detail", SqliteType.Blob);
        cluster.Prepare();

        using var member = connection.CreateCommand();
        member.Transaction = transaction;
        member.CommandText = "INSERT INTO cluster_members(account, cluster, run_seq) VALUES ($account, $cluster, $seq)";
        var mAccount = member.Parameters.Add("$account", SqliteType.Text);
        var mCluster = member.Parameters.Add("$cluster", SqliteType.Text);
        var mSeq = member.Parameters.Add("$seq", SqliteType.Integer);
        member.Prepare();

        pSeq.Value = seq;
        mSeq.Value = seq;
        for (var i = 0; i < run.Clusters.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var c = run.Clusters[i];
            pOrdinal.Value = i;
            pCluster.Value = c.Id;
            pSize.Value = c.Members.Count;
            pRisk.Value = c.RiskScore;
            pFlagged.Value = c.Flagged ? 1 : 0;
            pOperator.Value = (object?)c.Operator?.OperatorId ?? DBNull.Value;
            pConfidence.Value = c.Operator is { } op ? op.Confidence : DBNull.Value;
            pLineage.Value = c.Lineage.ToString().ToLowerInvariant();
            pDetail.Value = details[i];
            cluster.ExecuteNonQuery();
            mCluster.Value = c.Id;
            foreach (var account in c.Members)
            {
                // The primary key on account enforces the contract: every account in at most one cluster.
                mAccount.Value = account;
                member.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private async Task<DetectionRun?> ReadAsync(string findSeq, string? runId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await Task.Run(() => Read(connection, findSeq, runId, ct), ct);
    }

    private static DetectionRun? Read(SqliteConnection connection, string findSeq, string? runId, CancellationToken ct)
    {
        // One read transaction: the header and the clusters come from the same committed state.
        using var transaction = connection.BeginTransaction(deferred: true);
        long seq;
        using (var find = connection.CreateCommand())
        {
            find.Transaction = transaction;
            find.CommandText = findSeq;
            if (runId is not null)
            {
                find.Parameters.AddWithValue("$id", runId);
            }

            if (find.ExecuteScalar() is not long found)
            {
                return null;
            }

            seq = found;
        }

        var clusters = new List<DetectedCluster>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT detail FROM clusters WHERE run_seq = $seq ORDER BY ordinal";
            select.Parameters.AddWithValue("$seq", seq);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                clusters.Add(RunDetailJson.DecompressCluster((byte[])reader.GetValue(0)));
            }
        }

        using var header = connection.CreateCommand();
        header.Transaction = transaction;
        header.CommandText = """
            SELECT run_id, created_at, input_hash, parameters_hash, code_version, membership_hash,
                   next_cluster_number, parameters_json, known_operators, stats_json
            FROM runs WHERE seq = $seq
            """;
        header.Parameters.AddWithValue("$seq", seq);
        using var row = header.ExecuteReader();
        if (!row.Read())
        {
            return null;
        }

        return new DetectionRun
        {
            RunId = row.GetString(0),
            CreatedAt = DateTimeOffset.Parse(row.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            InputHash = row.GetString(2),
            ParametersHash = row.GetString(3),
            CodeVersion = row.GetString(4),
            MembershipHash = row.GetString(5),
            NextClusterNumber = row.GetInt32(6),
            Parameters = DetectionParameters.FromJson(row.GetString(7)),
            KnownOperators = RunDetailJson.Deserialize<string[]>(row.GetString(8)),
            Stats = row.IsDBNull(9) ? null : RunDetailJson.Deserialize<DetectionStats>(row.GetString(9)),
            Clusters = clusters,
        };
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken ct) => Task.Run(
        () =>
        {
            var connection = SqliteConnections.Open(options, forReading: false);
            try
            {
                // Migrations are applied once per store object (they are idempotent, but not free).
                lock (migrating)
                {
                    if (!isMigrated)
                    {
                        SqliteMigrator.Apply(connection);
                        isMigrated = true;
                    }
                }

                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        },
        ct);
}
