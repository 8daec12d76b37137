using System.Runtime.InteropServices;
using System.Text;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.ContentHashing;
using SQLitePCL;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// Writes <see cref="IngestBatch"/>es on the store's one writing connection: one IMMEDIATE transaction per
/// batch, statements prepared once and reused for every row, dictionary ids from in-memory caches, and the
/// per-account aggregates and content digests updated from the rows that were actually new.
/// </summary>
internal sealed class SqliteBatchWriter : IDisposable
{
    /// <summary>How often (in rows) a batch checks its cancellation token.</summary>
    private const int CancellationStride = 1024;

    /// <summary>How many rows ahead the request loop prefetches dictionary slots.</summary>
    private const int PrefetchDistance = 8;

    private readonly sqlite3 db;
    private readonly DictionaryTable accountKeys;
    private readonly DictionaryTable models;
    private readonly DictionaryTable capabilities;
    private readonly DictionaryTable promptFingerprints;
    private readonly DictionaryTable ips;
    private readonly DictionaryTable clients;
    private readonly DictionaryTable[] dictionaries;
    private readonly CanonicalRow row = new();
    private byte[] utf8 = new byte[256];
    private readonly Dictionary<string, RawStatement> statements = new(StringComparer.Ordinal);

    // Request aggregates not yet in the aggregate tables (they cover requests.id <= aggregate_watermark.requests_upto).
    private readonly PendingAggregates pending = new();
    private readonly long aggregateFlushRows;
    private readonly int aggregateFlushKeys;

    /// <summary>Whether <see cref="pending"/> holds exactly the requests past the stored watermark (false after a rollback or another writer's commit).</summary>
    private bool pendingSynced;

    /// <summary>
    /// Index of the stored request ids (exactly the rows with id &lt;= <see cref="SqliteWriterMarks.RequestsUpTo"/> of
    /// <see cref="marks"/>); loaded on the first request batch, extended when another writer appended rows, dropped when
    /// the requests table changed otherwise or a batch rolls back.
    /// </summary>
    private RequestKeySet? requestKeys;
    private long dataVersion = -1;

    /// <summary>What the store held at this writer's last commit (null before it, and after a rollback).</summary>
    private SqliteWriterMarks? marks;

    /// <param name="db">The store's writing connection.</param>
    /// <param name="aggregateFlushRows">Request rows summed in memory before the sums are written to the aggregate tables.</param>
    /// <param name="aggregateFlushKeys">Distinct aggregate keys held in memory before they are written (bounds the memory).</param>
    public SqliteBatchWriter(sqlite3 db, long aggregateFlushRows = 8_000_000, int aggregateFlushKeys = 2_000_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(aggregateFlushRows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(aggregateFlushKeys);
        this.db = db;
        this.aggregateFlushRows = aggregateFlushRows;
        this.aggregateFlushKeys = aggregateFlushKeys;
        accountKeys = new DictionaryTable(db, "account_keys");
        models = new DictionaryTable(db, "models");
        capabilities = new DictionaryTable(db, "capabilities");
        promptFingerprints = new DictionaryTable(db, "prompt_fingerprints");
        ips = new DictionaryTable(db, "ips");
        clients = new DictionaryTable(db, "clients");
        dictionaries = [accountKeys, models, capabilities, promptFingerprints, ips, clients];
    }

    /// <summary>The dictionary tables, in the order of <see cref="dictionaries"/>.</summary>
    private static readonly string[] DictionaryTables = ["account_keys", "models", "capabilities", "prompt_fingerprints", "ips", "clients"];

    /// <summary>Whether request rows written by this writer are not yet in the aggregate tables.</summary>
    public bool HasPendingAggregates => pending.Rows > 0;

    /// <summary>How many times the request index was built by reading every stored request id.</summary>
    internal int RequestIndexLoads { get; private set; }

    /// <summary>How many times the request index was extended with the rows another writer appended.</summary>
    internal int RequestIndexExtensions { get; private set; }

    /// <summary>How many dictionary caches were dropped because another connection changed their table.</summary>
    internal int DictionaryDrops { get; private set; }

    public int Write(IngestBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return InTransaction(
            () => batch.Kind switch
            {
                RecordKind.Accounts => WriteAccounts(batch.Accounts, ct),
                RecordKind.Payments => WritePayments(batch.Payments, ct),
                RecordKind.Sessions => WriteSessions(batch.Sessions, ct),
                RecordKind.Requests => WriteRequests(batch, batch.Prepared is PreparedRequests own && ReferenceEquals(own.Batch, batch) ? own : null, ct),
                RecordKind.Releases => WriteReleases(batch.Releases, ct),
                RecordKind.Indicators => WriteIndicators(batch.Indicators, ct),
                _ => throw new ArgumentOutOfRangeException(nameof(batch), batch.Kind, "Unknown record kind."),
            },
            ct);
    }

    /// <summary>
    /// Brings the aggregate tables up to date with every stored request (the sums held in memory, or, after a
    /// kill or another writer's commit, the rows past the watermark read back from the table), in one transaction.
    /// </summary>
    public void FlushAggregates(CancellationToken ct) => InTransaction(
        () =>
        {
            SyncPending(ct);
            FlushPending();
            return 0;
        },
        ct);

    private int InTransaction(Func<int> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Exec("BEGIN IMMEDIATE");
        try
        {
            // Another connection committed since our last transaction (in live mode mostly runs and alerts): keep what is
            // still true of the store, extend or drop the rest (decision D24).
            var version = DataVersion();
            if (version != dataVersion)
            {
                KeepWhatIsStillTrue(ct);
                dataVersion = version;
            }

            var written = work();
            marks = SqliteWriterMarks.Read(Statement, DictionaryTables);
            Exec("COMMIT");
            foreach (var dictionary in dictionaries)
            {
                dictionary.Commit();
            }

            return written;
        }
        catch
        {
            // ROLLBACK fails only if SQLite already rolled back (e.g. on SQLITE_FULL); either way nothing stays.
            raw.sqlite3_exec(db, "ROLLBACK");
            foreach (var dictionary in dictionaries)
            {
                dictionary.Rollback();
            }

            // The index may name rows that were rolled back, and the pending sums may count them or miss a
            // rolled-back flush: rebuild both from the store on next use. Without marks, the next change by another
            // connection drops every cache.
            requestKeys = null;
            pendingSynced = false;
            marks = null;
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var statement in statements.Values)
        {
            statement.Dispose();
        }

        foreach (var dictionary in dictionaries)
        {
            dictionary.Dispose();
        }
    }

    private int WriteAccounts(IReadOnlyList<AccountRecord> rows, CancellationToken ct)
    {
        // The WHERE makes an identical row a no-op, so "changed" counts only rows that were new or different.
        var upsert = Statement("""
            INSERT INTO accounts(account, created_at, email_domain, email_hash, display_name, org_name, access_pathway, country, status)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT(account) DO UPDATE SET
                created_at = excluded.created_at, email_domain = excluded.email_domain, email_hash = excluded.email_hash,
                display_name = excluded.display_name, org_name = excluded.org_name, access_pathway = excluded.access_pathway,
                country = excluded.country, status = excluded.status
            WHERE accounts.created_at IS NOT excluded.created_at OR accounts.email_domain IS NOT excluded.email_domain
               OR accounts.email_hash IS NOT excluded.email_hash OR accounts.display_name IS NOT excluded.display_name
               OR accounts.org_name IS NOT excluded.org_name OR accounts.access_pathway IS NOT excluded.access_pathway
               OR accounts.country IS NOT excluded.country OR accounts.status IS NOT excluded.status
            """);
        var changed = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            CheckCancellation(i, ct);
            var r = rows[i];
            upsert.BindInt64(1, accountKeys.IdOfRequired(r.AccountId, "account_id"));
            upsert.BindInt64(2, r.CreatedAt.ToUnixTimeMilliseconds());
            upsert.BindText(3, r.EmailDomain);
            upsert.BindText(4, r.EmailHash);
            upsert.BindText(5, r.DisplayName);
            upsert.BindText(6, r.OrgName);
            upsert.BindInt64(7, (long)r.AccessPathway);
            upsert.BindText(8, r.Country);
            upsert.BindInt64(9, (long?)r.Status);
            changed += upsert.Execute();
        }

        return changed;
    }

    private int WritePayments(IReadOnlyList<PaymentRecord> rows, CancellationToken ct)
    {
        // The earliest sighting wins; equal first_seen is broken by the other fields, so the kept row does
        // not depend on the order rows arrive in.
        var upsert = Statement("""
            INSERT INTO payments(account, instrument, kind, bin, issuer_country, first_seen)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT(account, instrument) DO UPDATE SET
                kind = excluded.kind, bin = excluded.bin, issuer_country = excluded.issuer_country, first_seen = excluded.first_seen
            WHERE (excluded.first_seen, coalesce(excluded.kind, -1), coalesce(excluded.bin, ''), coalesce(excluded.issuer_country, ''))
                < (payments.first_seen, coalesce(payments.kind, -1), coalesce(payments.bin, ''), coalesce(payments.issuer_country, ''))
            """);
        var changed = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            CheckCancellation(i, ct);
            var r = rows[i];
            upsert.BindInt64(1, accountKeys.IdOfRequired(r.AccountId, "account_id"));
            upsert.BindText(2, r.InstrumentFingerprint);
            upsert.BindInt64(3, (long?)r.Kind);
            upsert.BindText(4, r.Bin);
            upsert.BindText(5, r.IssuerCountry);
            upsert.BindInt64(6, r.FirstSeen.ToUnixTimeMilliseconds());
            changed += upsert.Execute();
        }

        return changed;
    }

    private int WriteSessions(IReadOnlyList<SessionRecord> rows, CancellationToken ct)
    {
        var insert = Statement("""
            INSERT INTO sessions(account, ip, seen_at, asn, asn_org, ip_type) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT(account, ip, seen_at) DO NOTHING
            """);
        var digest = default(ContentDigest);
        var added = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            CheckCancellation(i, ct);
            var r = rows[i];
            var seenAt = r.SeenAt.ToUnixTimeMilliseconds();
            insert.BindInt64(1, accountKeys.IdOfRequired(r.AccountId, "account_id"));
            insert.BindInt64(2, ips.IdOfRequired(r.Ip, "ip"));
            insert.BindInt64(3, seenAt);
            insert.BindInt64(4, r.Asn);
            insert.BindText(5, r.AsnOrg);
            insert.BindInt64(6, (long?)r.IpType);
            if (insert.Execute() == 1)
            {
                added++;
                digest.AddRow(SqliteRows.Session(row, r.AccountId, r.Ip, seenAt, r.Asn, r.AsnOrg, (long?)r.IpType));
            }
        }

        AddToDigest(SqliteRows.SessionsTable, added, digest);
        return added;
    }

    private int WriteRequests(IngestBatch batch, PreparedRequests? prepared, CancellationToken ct)
    {
        var rows = batch.Requests;
        var conflicts = 0;
        if (prepared is not null && !ReferenceEquals(prepared.Rows, rows))
        {
            throw new ArgumentException("The batch's prepared values were computed from other rows.", nameof(prepared));
        }

        var insert = Statement("""
            INSERT INTO requests(request_id, account, ts, model, capability, prompt_fingerprint, ip, client, input_tokens, output_tokens)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """);
        var keys = RequestKeys();
        SyncPending(ct);
        var digest = default(ContentDigest);
        var added = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            CheckCancellation(i, ct);
            var r = rows[i];
            ArgumentNullException.ThrowIfNull(r.RequestId, "request_id");
            if (prepared is not null)
            {
                PrefetchAhead(rows, prepared, keys, i);
            }

            var requestId = Utf8(r.RequestId);
            var probe = keys.Find(prepared is null ? RequestKeySet.Hash(requestId) : prepared.IdHashes[i]);
            var ts = r.Ts.ToUnixTimeMilliseconds();
            if (IsStored(keys, ref probe, requestId, out var storedAccount, out var storedTs))
            {
                // The stored row is kept; a repeat that names another account or time is counted for a warning.
                if (storedTs != ts || !accountKeys.TryGetId(r.AccountId, prepared?.ValueHashes[3 * i] ?? DictionaryTable.Hash(r.AccountId), out var sameAccount) || sameAccount != storedAccount)
                {
                    conflicts++;
                }

                continue;
            }

            // The cache hashes come from the reading thread when the batch was prepared there.
            var account = accountKeys.IdOfRequired(r.AccountId, prepared?.ValueHashes[3 * i] ?? DictionaryTable.Hash(r.AccountId), "account_id");
            var fingerprint = promptFingerprints.IdOf(r.PromptFingerprint, prepared?.ValueHashes[(3 * i) + 1] ?? DictionaryTable.Hash(r.PromptFingerprint));
            var ip = ips.IdOf(r.Ip, prepared?.ValueHashes[(3 * i) + 2] ?? DictionaryTable.Hash(r.Ip));

            var model = models.IdOfRequired(r.Model, "model");
            var capability = capabilities.IdOf(r.Capability);
            insert.BindUtf8(1, requestId);
            insert.BindInt64(2, account);
            insert.BindInt64(3, ts);
            insert.BindInt64(4, model);
            insert.BindInt64(5, capability);
            insert.BindInt64(6, fingerprint);
            insert.BindInt64(7, ip);
            insert.BindInt64(8, clients.IdOf(r.Client));
            insert.BindInt64(9, r.InputTokens);
            insert.BindInt64(10, r.OutputTokens);
            insert.Execute();
            keys.Add(probe, raw.sqlite3_last_insert_rowid(db));
            added++;
            if (prepared is null)
            {
                digest.AddRow(SqliteRows.Request(row, r, ts));
            }
            else
            {
                digest.Add(prepared.Digests[i]);
            }
            pending.Add(account, ts, r.InputTokens ?? 0, r.OutputTokens ?? 0, model, capability, ip);
        }

        ct.ThrowIfCancellationRequested();
        if (pending.Rows >= aggregateFlushRows || pending.Keys >= aggregateFlushKeys)
        {
            FlushPending();
        }

        AddToDigest(SqliteRows.RequestsTable, added, digest);
        batch.ConflictingDuplicates = conflicts;
        return added;
    }

    /// <summary>
    /// Input not sorted by account meets cold memory on nearly every row (the dictionary slots of its template, ip
    /// and account, then that account's pending sums and its (account, ip) count), and the request index's slot is cold
    /// in any order once the index outgrows the cache. Two steps ahead of the row being
    /// written: the index slot and the dictionary slots of a row <see cref="PrefetchDistance"/> ahead, and for a row half as far ahead,
    /// whose slots have arrived by then, the pending sums of the ids it already has. Hints only: nothing is added.
    /// </summary>
    private void PrefetchAhead(IReadOnlyList<RequestRecord> rows, PreparedRequests prepared, RequestKeySet keys, int i)
    {
        var far = i + PrefetchDistance;
        if (far < rows.Count)
        {
            keys.Prefetch(prepared.IdHashes[far]);
            accountKeys.Prefetch(prepared.ValueHashes[3 * far]);
            promptFingerprints.Prefetch(prepared.ValueHashes[(3 * far) + 1]);
            ips.Prefetch(prepared.ValueHashes[(3 * far) + 2]);
        }

        var near = i + (PrefetchDistance / 2);
        if (near < rows.Count)
        {
            var r = rows[near];
            if (r.AccountId is not null && accountKeys.TryGetId(r.AccountId, prepared.ValueHashes[3 * near], out var account))
            {
                var ip = 0L;
                if (r.Ip is not null)
                {
                    ips.TryGetId(r.Ip, prepared.ValueHashes[(3 * near) + 2], out ip);
                }

                pending.Prefetch(account, ip);
            }
        }
    }

    /// <summary>
    /// Whether a request with this id is already stored (or was written earlier in this batch): every
    /// candidate of the index is confirmed by reading its request_id, so a hash collision never drops a row.
    /// </summary>
    private bool IsStored(RequestKeySet keys, ref RequestKeySet.Probe probe, ReadOnlySpan<byte> requestId, out long account, out long ts)
    {
        long candidate;
        account = ts = 0;
        while ((candidate = keys.NextCandidate(ref probe)) != 0)
        {
            var select = Statement("SELECT request_id, account, ts FROM requests WHERE id = ?1");
            select.BindInt64(1, candidate);
            if (!select.Read())
            {
                throw new InvalidOperationException($"The request index names row {candidate}, which is not in the store.");
            }

            var same = select.GetBlob(0).SequenceEqual(requestId);
            account = select.GetInt64(1);
            ts = select.GetInt64(2);
            select.Reset();
            if (same)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The UTF-8 bytes of <paramref name="value"/> in a reused buffer, valid until the next call.</summary>
    private ReadOnlySpan<byte> Utf8(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > utf8.Length)
        {
            utf8 = new byte[Math.Max(max, utf8.Length * 2)];
        }

        return utf8.AsSpan(0, Encoding.UTF8.GetBytes(value, utf8));
    }

    private int WriteReleases(IReadOnlyList<ReleaseRecord> rows, CancellationToken ct)
    {
        var upsert = Statement("""
            INSERT INTO releases(model, released_at) VALUES (?1, ?2)
            ON CONFLICT(model) DO UPDATE SET released_at = excluded.released_at
            WHERE excluded.released_at < releases.released_at
            """);
        var changed = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            CheckCancellation(i, ct);
            upsert.BindText(1, rows[i].Model);
            upsert.BindInt64(2, rows[i].ReleasedAt.ToUnixTimeMilliseconds());
            changed += upsert.Execute();
        }

        return changed;
    }

    private int WriteIndicators(IReadOnlyList<IndicatorRecord> rows, CancellationToken ct)
    {
        var upsert = Statement("""
            INSERT INTO indicators(operator_id, kind, value, operator_name, confidence, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT(operator_id, kind, value) DO UPDATE SET
                operator_name = excluded.operator_name, confidence = excluded.confidence, source = excluded.source
            WHERE indicators.operator_name IS NOT excluded.operator_name OR indicators.confidence IS NOT excluded.confidence
               OR indicators.source IS NOT excluded.source
            """);
        var changed = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            CheckCancellation(i, ct);
            var r = rows[i];
            upsert.BindText(1, r.OperatorId);
            upsert.BindInt64(2, (long)r.Kind);
            upsert.BindText(3, r.Value);
            upsert.BindText(4, r.OperatorName);
            upsert.BindDouble(5, r.Confidence);
            upsert.BindText(6, r.Source);
            changed += upsert.Execute();
        }

        return changed;
    }

    /// <summary>
    /// Makes <see cref="pending"/> hold exactly the stored requests past the watermark: nothing after a clean
    /// flush, the rows a killed or concurrent writer left unsummed otherwise (one scan of the table's tail by rowid).
    /// </summary>
    private void SyncPending(CancellationToken ct)
    {
        if (pendingSynced)
        {
            return;
        }

        pending.Clear();
        var tail = Statement("""
            SELECT account, ts, model, capability, ip, coalesce(input_tokens, 0), coalesce(output_tokens, 0) FROM requests
            WHERE id > (SELECT requests_upto FROM aggregate_watermark)
            """);
        var rows = 0;
        while (tail.Read())
        {
            CheckCancellation(rows++, ct);
            pending.Add(tail.GetInt64(0), tail.GetInt64(1), tail.GetInt64(5), tail.GetInt64(6), tail.GetInt64(2), tail.GetInt64(3), tail.GetInt64(4));
        }

        tail.Reset();
        pendingSynced = true;
    }

    /// <summary>Writes the pending sums in key order and moves the watermark to the last stored request, in the open transaction.</summary>
    private void FlushPending()
    {
        if (pending.Rows > 0)
        {
            pending.WriteTo(Statement);
        }

        var watermark = Statement("UPDATE aggregate_watermark SET requests_upto = coalesce((SELECT max(id) FROM requests), 0)");
        watermark.Execute();
        pending.Clear();
    }

    private void AddToDigest(string table, int added, ContentDigest digest)
    {
        if (added == 0)
        {
            return;
        }

        var select = Statement("SELECT rows, digest FROM content_digests WHERE name = ?1");
        select.BindText(1, table);
        long rows = 0;
        var total = default(ContentDigest);
        if (select.Read())
        {
            rows = select.GetInt64(0);
            total = ContentDigest.FromBytes(select.GetBlob(1));
            select.Reset();
        }

        total.Add(digest);
        var upsert = Statement("""
            INSERT INTO content_digests(name, rows, digest) VALUES (?1, ?2, ?3)
            ON CONFLICT(name) DO UPDATE SET rows = excluded.rows, digest = excluded.digest
            """);
        upsert.BindText(1, table);
        upsert.BindInt64(2, rows + added);
        upsert.BindBlob(3, total.ToBytes());
        upsert.Execute();
    }

    private RawStatement Statement(string sql)
    {
        ref var statement = ref CollectionsMarshal.GetValueRefOrAddDefault(statements, sql, out var exists);
        if (!exists)
        {
            try
            {
                statement = new RawStatement(db, sql);
            }
            catch
            {
                statements.Remove(sql);
                throw;
            }
        }

        return statement!;
    }

    private RequestKeySet RequestKeys()
    {
        if (requestKeys is not null)
        {
            return requestKeys;
        }

        var count = Statement($"SELECT coalesce((SELECT rows FROM content_digests WHERE name = '{SqliteRows.RequestsTable}'), 0)");
        count.Read();
        var keys = new RequestKeySet(count.GetInt64(0));
        count.Reset();
        RequestIndexLoads++;
        using (var select = new RawStatement(db, "SELECT id, request_id FROM requests"))
        {
            while (select.Read())
            {
                keys.Load(RequestKeySet.Hash(select.GetBlob(1)), select.GetInt64(0));
            }
        }

        requestKeys = keys;
        return keys;
    }

    /// <summary>
    /// Another connection committed: compares the store with <see cref="marks"/> (what our last commit left) and keeps each
    /// structure whose table did not change. A dictionary cache is kept when its table's last row is the same, else
    /// reloaded on next use; the request index is kept when the requests table's row count, content digest and last row
    /// are the same, extended when rows were only appended past its last row (they must add up to exactly the count and
    /// digest the table gained: the "rows with id &gt; W were added after W" assumption of D23), else rebuilt; the
    /// pending sums are kept when neither the requests nor the aggregate watermark changed. A schema change (a migration)
    /// or no marks (first transaction, after a rollback) drop everything.
    /// </summary>
    private void KeepWhatIsStillTrue(CancellationToken ct)
    {
        var before = marks;
        var now = SqliteWriterMarks.Read(Statement, DictionaryTables);
        marks = now;
        if (before is null || before.SchemaVersion != now.SchemaVersion)
        {
            foreach (var dictionary in dictionaries)
            {
                dictionary.Invalidate();
            }

            requestKeys = null;
            pendingSynced = false;
            return;
        }

        for (var i = 0; i < dictionaries.Length; i++)
        {
            if (before.Dictionaries[i] != now.Dictionaries[i])
            {
                dictionaries[i].Invalidate();
                DictionaryDrops++;
            }
        }

        var sameRequests = before.SameRequests(now);
        if (!sameRequests || before.Watermark != now.Watermark)
        {
            pendingSynced = false;
        }

        if (requestKeys is not null && !sameRequests && !TryExtendRequestKeys(requestKeys, before, now, ct))
        {
            requestKeys = null;
        }
    }

    /// <summary>
    /// Adds the request rows past <paramref name="before"/>'s last row to <paramref name="keys"/>, if that row is still there
    /// with the same request id and the rows past it are exactly what the table's count and content digest gained.
    /// </summary>
    private bool TryExtendRequestKeys(RequestKeySet keys, SqliteWriterMarks before, SqliteWriterMarks now, CancellationToken ct)
    {
        if (now.RequestsUpTo <= before.RequestsUpTo || now.RequestRows <= before.RequestRows)
        {
            return false;
        }

        if (before.RequestsUpTo > 0)
        {
            var last = Statement("SELECT request_id FROM requests WHERE id = ?1");
            last.BindInt64(1, before.RequestsUpTo);
            if (!last.Read())
            {
                return false;
            }

            var same = RequestKeySet.Hash(last.GetBlob(0)) == before.LastRequestIdHash;
            last.Reset();
            if (!same)
            {
                return false;
            }
        }

        // The rows as the writer hashed them into content_digests (LEFT JOIN: a dangling id hashes differently, and fails the check).
        var select = Statement("""
            SELECT r.id, r.request_id, a.value, r.ts, m.value, c.value, p.value, i.value, l.value, r.input_tokens, r.output_tokens
            FROM requests r
            LEFT JOIN account_keys a ON a.id = r.account LEFT JOIN models m ON m.id = r.model
            LEFT JOIN capabilities c ON c.id = r.capability LEFT JOIN prompt_fingerprints p ON p.id = r.prompt_fingerprint
            LEFT JOIN ips i ON i.id = r.ip LEFT JOIN clients l ON l.id = r.client
            WHERE r.id > ?1 ORDER BY r.id
            """);
        select.BindInt64(1, before.RequestsUpTo);
        var digest = ContentDigest.FromBytes(before.RequestDigest);
        long added = 0;
        while (select.Read())
        {
            CheckCancellation((int)(added & int.MaxValue), ct);
            var requestId = select.GetBlob(1);
            keys.Load(RequestKeySet.Hash(requestId), select.GetInt64(0));
            var ts = select.GetInt64(3);
            digest.AddRow(SqliteRows.Request(row, new RequestRecord(
                select.GetText(1)!, select.GetText(2) ?? "", default, select.GetText(4) ?? "", select.GetText(5), select.GetText(6),
                select.GetText(7), select.GetText(8), select.GetNullableInt64(9), select.GetNullableInt64(10)), ts));
            added++;
        }

        if (added != now.RequestRows - before.RequestRows || !digest.ToBytes().AsSpan().SequenceEqual(now.RequestDigest))
        {
            return false;
        }

        RequestIndexExtensions++;
        return true;
    }

    private long DataVersion()
    {
        var version = Statement("PRAGMA data_version");
        version.Read();
        var value = version.GetInt64(0);
        version.Reset();
        return value;
    }

    private void Exec(string sql) => SqliteConnections.Execute(db, sql);

    private static void CheckCancellation(int row, CancellationToken ct)
    {
        if (row % CancellationStride == 0)
        {
            ct.ThrowIfCancellationRequested();
        }
    }
}
