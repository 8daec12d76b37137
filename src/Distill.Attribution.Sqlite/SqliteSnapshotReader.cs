using System.Diagnostics;
using System.Runtime.InteropServices;
using Distill.Attribution.Application.Live;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.ContentHashing;
using SQLitePCL;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// Reads the whole store into a <see cref="DetectionSnapshot"/>. Dense ids are ranks in ordinal string
/// order, so identical contents give identical ids whatever the ingest order. Requests are read with one
/// integer-only table scan and placed straight into their account's slot (the per-account counts in
/// <c>account_stats</c> give the CSR offsets up front), then sorted by time within each account. Given a way to open
/// a second connection, a full read takes the other tables on it meanwhile (decision D36), and then shares the rest of
/// the request scan (D38).
/// <see cref="ReadSince"/> builds the same snapshot from a previous one and what the store gained since (live mode, D23).
/// </summary>
/// <param name="db">The connection to read, inside a read transaction.</param>
/// <param name="progress">Request rows read so far.</param>
/// <param name="ct">Stops the read.</param>
/// <param name="openSibling">
/// Opens another connection to the same store, for the tables a full read takes beside its request scan; null reads them
/// one after the other on <paramref name="db"/>.
/// </param>
internal sealed class SqliteSnapshotReader(sqlite3 db, IProgress<long>? progress, CancellationToken ct, Func<sqlite3>? openSibling = null)
{
    private const int ProgressStride = 1 << 20;

    /// <summary>Request rows staged before they are placed: 64k rows, ~2.6 MB, about what stays in a cache.</summary>
    private const int StageRows = 1 << 16;

    /// <summary>Created-at of an account that appears in other records but has no accounts row.</summary>
    public const long UnknownCreatedAt = long.MinValue;

    /// <summary>The accounts of the requests past the aggregates' watermark (migration 0007), one row per request.</summary>
    private const string UnsummedRequests = "SELECT account FROM requests WHERE id > (SELECT requests_upto FROM aggregate_watermark)";

    /// <summary>The dictionary tables, in the order of <see cref="SqliteSnapshotState.Names"/>.</summary>
    internal static readonly string[] DictionaryTables = ["account_keys", "models", "capabilities", "prompt_fingerprints", "ips", "clients"];

    private const int AccountKeys = 0;
    private const int ModelKeys = 1;
    private const int CapabilityKeys = 2;
    private const int FingerprintKeys = 3;
    private const int IpKeys = 4;
    private const int ClientKeys = 5;

    /// <summary>Whether the last <see cref="Read(out SqliteSnapshotState)"/> read the tables other than requests on a second connection, beside its request scan.</summary>
    internal bool RestReadBeside { get; private set; }

    /// <summary>How many request rows the last full read took on the second connection.</summary>
    internal long RowsReadBeside { get; private set; }

    /// <summary>For tests: called on the connection's thread when a full read's scan takes a range (true: the second connection).</summary>
    internal Action<bool, int>? RangeTaken { get; init; }

    public DetectionSnapshot Read() => Read(out _);

    /// <summary>Reads the whole store; <paramref name="state"/> is what a later <see cref="ReadSince"/> starts from.</summary>
    public DetectionSnapshot Read(out SqliteSnapshotState state)
    {
        var schema = SchemaVersion();
        var (digestRows, digest) = RequestDigest();
        var names = new string?[DictionaryTables.Length][];
        var requestUsed = new bool[DictionaryTables.Length][];
        for (var k = 0; k < names.Length; k++)
        {
            requestUsed[k] = new bool[DictionaryLength(DictionaryTables[k])];
        }

        // ---- the accounts requests name, in their final order: the accounts of every table ranked, restricted to these ----
        names[AccountKeys] = LoadDictionary(DictionaryTables[AccountKeys]);
        MarkUsed("SELECT account FROM account_stats", requestUsed[AccountKeys]);
        MarkUsed(UnsummedRequests, requestUsed[AccountKeys]);
        var (requestAccounts, requestAccountDense) = Rank(names[AccountKeys], requestUsed[AccountKeys]);

        // ---- the rest of the store (the other dictionaries and their orders, accounts, payments, sessions, releases and
        // indicators) is read beside the request scan, on a second connection that reads the same contents; when there is
        // none, or it reads other contents (an ingest committed in between), after the scan on this connection ----
        var inputHash = SqliteInputHash.Compute(db);
        var lengths = Array.ConvertAll(requestUsed, used => used.Length);
        var bounds = ScanRangeBounds.Of(db);
        var scanReady = new TaskCompletionSource<RequestScan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var besideScan = openSibling is null
            ? null
            : Task.Run(() => ReadRestBeside(openSibling, inputHash, lengths, names[AccountKeys]!, requestUsed[AccountKeys], scanReady.Task, requestAccountDense), ct);
        using var unblockSibling = new OnDispose(() => scanReady.TrySetCanceled()); // if this read fails before the scan starts

        // ---- requests: CSR by account, one scan in ranges of row ids ----
        var requestCount = CountRequests();
        var offsets = new int[requestAccounts.Length + 1];
        using (var perAccount = new RawStatement(db, "SELECT account, requests FROM account_stats"))
        {
            while (perAccount.Read())
            {
                offsets[requestAccountDense[perAccount.GetInt64(0)] + 1] = checked((int)perAccount.GetInt64(1));
            }
        }

        // Requests an ingest (running now, or killed) has stored but not yet added to account_stats.
        using (var unsummed = new RawStatement(db, UnsummedRequests))
        {
            while (unsummed.Read())
            {
                offsets[requestAccountDense[unsummed.GetInt64(0)] + 1]++;
            }
        }

        for (var a = 0; a < requestAccounts.Length; a++)
        {
            offsets[a + 1] += offsets[a];
        }

        if (offsets[requestAccounts.Length] != requestCount)
        {
            throw new InvalidOperationException($"The store is inconsistent: account_stats counts {offsets[requestAccounts.Length]} requests, the requests table {requestCount}.");
        }

        var modelUsed = requestUsed[ModelKeys];
        var capabilityUsed = requestUsed[CapabilityKeys];
        var fingerprintUsed = requestUsed[FingerprintKeys];
        var requestIpUsed = requestUsed[IpKeys];
        var clientUsed = requestUsed[ClientKeys];

        var rowId = new long[requestCount];
        var ts = new long[requestCount];
        var model = new int[requestCount];
        var capability = new int[requestCount];
        var fingerprint = new int[requestCount];
        var requestIp = new int[requestCount];
        var client = new int[requestCount];
        var next = offsets[..requestAccounts.Length];
        long read = 0;
        long maxRowId = 0;
        var latestTs = long.MinValue;
        // Rows are staged a chunk at a time, then each column is scattered to the rows' slots in its own tight loop.
        // Writing the seven columns of every row straight into its account's slot touched seven cold cache lines per row
        // between SQLite calls, and on time-ordered stores (each row another account) that cost more than the scan itself;
        // a column at a time the writes overlap. The table is read in ranges of row ids, taken in order by this connection
        // and, once it has read the other tables, by the second one; each range is staged whole and placed when the ranges
        // before it are, by whichever thread finds it ready, so each account's rows stay in table order, as with one scan.
        var scan = new RequestScan(bounds, PlaceRange);
        scanReady.SetResult(scan);
        ScanRequests(db, scan, requestAccountDense, beside: false, RangeTaken, ct);
        var rest = besideScan?.GetAwaiter().GetResult();
        RowsReadBeside = scan.RowsReadBeside;
        if (!scan.AllPlaced)
        {
            throw new InvalidOperationException("The request scan ended with ranges not placed.");
        }

        if (read != requestCount)
        {
            throw new InvalidOperationException($"The store is inconsistent: {read} requests read, {requestCount} counted.");
        }

        int NextSlot(int a)
        {
            var p = next[a]++;
            if (p >= offsets[a + 1])
            {
                throw new InvalidOperationException("The store is inconsistent: account_stats counts fewer requests than the requests table holds.");
            }

            return p;
        }

        void PlaceRange(StagedRequests staged)
        {
            // Staged with the account's rank in Slot.
            for (var r = 0; r < staged.Count; r++)
            {
                staged.Slot[r] = NextSlot(staged.Slot[r]);
            }

            var slot = staged.Slot.AsSpan(0, staged.Count);
            Scatter(slot, staged.RowId, rowId);
            Scatter(slot, staged.Ts, ts);
            Scatter(slot, staged.Model, model);
            Scatter(slot, staged.Capability, capability);
            Scatter(slot, staged.Fingerprint, fingerprint);
            Scatter(slot, staged.Ip, requestIp);
            Scatter(slot, staged.Client, client);
            MarkUsed(staged.Model, staged.Count, modelUsed);
            MarkUsed(staged.Capability, staged.Count, capabilityUsed);
            MarkUsed(staged.Fingerprint, staged.Count, fingerprintUsed);
            MarkUsed(staged.Ip, staged.Count, requestIpUsed);
            MarkUsed(staged.Client, staged.Count, clientUsed);
            for (var r = 0; r < staged.Count; r++)
            {
                maxRowId = Math.Max(maxRowId, staged.RowId[r]);
                latestTs = Math.Max(latestTs, staged.Ts[r]);
            }

            var before = read;
            read += staged.Count;
            if (before / ProgressStride != read / ProgressStride)
            {
                progress?.Report(read);
            }
        }

        long? latest = read > 0 ? latestTs : null;
        progress?.Report(read);
        SortWithinAccounts(offsets, rowId, ts, [model, capability, fingerprint, requestIp, client], null);

        RestReadBeside = rest is not null;
        rest ??= ReadRest(names[AccountKeys]!, requestUsed[AccountKeys]);
        // The dictionaries beside the scan were read at the lengths this connection sees (ReadRestBeside checks them).
        for (var k = 0; k < names.Length; k++)
        {
            names[k] ??= rest.Names[k];
        }

        var side = rest.Side;
        offsets = Widen(offsets, requestAccountDense, side.AccountDense, side.AccountIds.Length);
        var (releases, indicators) = (rest.Releases, rest.Indicators);
        var dense = RankRequestValues(names, requestUsed, side.SessionIpUsed, releases, rest.Orders);
        // Each column on its own: the scan is over and the second connection done, so both processors are free.
        Parallel.Invoke(
            () => Remap(model, dense.Model),
            () => Remap(capability, dense.Capability),
            () => Remap(fingerprint, dense.Fingerprint),
            () => Remap(requestIp, dense.Ip),
            () => Remap(client, dense.Client));

        state = new SqliteSnapshotState(schema, maxRowId, digestRows, digest, latest, names, requestUsed);
        return Assemble(inputHash, side, dense, releases, indicators, long.MinValue, new RequestColumns(
            offsets, rowId, ts, model, capability, fingerprint, requestIp, client));
    }

    /// <summary>
    /// The snapshot a full read then <c>SnapshotWindow.Cut</c> would give (null <paramref name="window"/>: no cut), from the
    /// snapshot of <paramref name="previous"/> and the rows the store gained since: requests with a row id past the last one
    /// read (see <c>ISnapshotSource.LoadSnapshotSinceAsync</c> for what that relies on), new dictionary entries; the small
    /// tables (accounts, payments, sessions, releases, indicators) are read whole, as they can change in place. Returns
    /// null and <paramref name="fallback"/> when the store changed in a way a delta cannot express.
    /// </summary>
    public DetectionSnapshot? ReadSince(
        DetectionSnapshot previousSnapshot, SqliteSnapshotState previous, TimeSpan? window, out SqliteSnapshotState state, out string? fallback, out DeltaCounts counts)
    {
        var started = Stopwatch.GetTimestamp();
        state = previous;
        counts = default;
        var schema = SchemaVersion();
        if (schema != previous.SchemaVersion)
        {
            fallback = $"the store's schema changed (version {previous.SchemaVersion} -> {schema})";
            return null;
        }

        var names = new string?[DictionaryTables.Length][];
        var requestUsed = new bool[DictionaryTables.Length][];
        var newNames = 0;
        for (var k = 0; k < names.Length; k++)
        {
            if (ExtendDictionary(DictionaryTables[k], previous.Names[k]) is not { } extended)
            {
                fallback = $"dictionary {DictionaryTables[k]} no longer holds what was read";
                return null;
            }

            names[k] = extended;
            newNames += extended.Length - previous.Names[k].Length;
            requestUsed[k] = new bool[extended.Length];
            previous.RequestUsed[k].CopyTo(requestUsed[k], 0);
        }

        // ---- the request rows committed since the last read, in row id order ----
        var (digestRows, digest) = RequestDigest();
        var added = new StagedRequests(16);
        var addedAccount = new List<int>();
        var addedDigest = default(ContentDigest);
        var canonical = new CanonicalRow();
        var maxRowId = previous.RequestsUpTo;
        var latest = previous.LatestMs;
        using (var requests = new RawStatement(db, """
            SELECT id, request_id, account, ts, model, capability, prompt_fingerprint, ip, client, input_tokens, output_tokens
            FROM requests WHERE id > ?1 ORDER BY id
            """))
        {
            requests.BindInt64(1, previous.RequestsUpTo);
            while (requests.Read())
            {
                var r = added.Count;
                added.Grow(r + 1);
                added.Count++;
                var account = (int)requests.GetInt64(2);
                if (account >= names[AccountKeys].Length || names[AccountKeys][account] is null)
                {
                    fallback = "a new request names an account key the dictionary does not hold";
                    return null;
                }

                addedAccount.Add(account);
                Stage(requests, added, r, tsColumn: 3);
                requestUsed[AccountKeys][account] = true;
                requestUsed[ModelKeys][added.Model[r]] = true;
                requestUsed[CapabilityKeys][added.Capability[r]] = true;
                requestUsed[FingerprintKeys][added.Fingerprint[r]] = true;
                requestUsed[IpKeys][added.Ip[r]] = true;
                requestUsed[ClientKeys][added.Client[r]] = true;
                maxRowId = Math.Max(maxRowId, added.RowId[r]);
                latest = latest is { } l ? Math.Max(l, added.Ts[r]) : added.Ts[r];
                // The row as the writer hashed it into content_digests: the delta must add up to exactly what the store gained.
                addedDigest.AddRow(SqliteRows.Request(canonical, new RequestRecord(
                    requests.GetText(1)!, names[AccountKeys][account]!, default, names[ModelKeys][added.Model[r]]!,
                    names[CapabilityKeys][added.Capability[r]], names[FingerprintKeys][added.Fingerprint[r]], names[IpKeys][added.Ip[r]],
                    names[ClientKeys][added.Client[r]], requests.GetNullableInt64(9), requests.GetNullableInt64(10)), added.Ts[r]));
                if (r % ProgressStride == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
            }
        }

        if (digestRows - previous.RequestRows != added.Count)
        {
            fallback = $"the requests table gained {digestRows - previous.RequestRows} rows, {added.Count} of them past the last row id read";
            return null;
        }

        var expected = ContentDigest.FromBytes(previous.RequestDigest);
        expected.Add(addedDigest);
        if (!expected.ToBytes().AsSpan().SequenceEqual(digest))
        {
            fallback = "the requests past the last row id read are not what the store's digest gained";
            return null;
        }

        var newRows = Stopwatch.GetElapsedTime(started);
        var side = ReadAccountSide(names[AccountKeys], requestUsed[AccountKeys], names[IpKeys].Length);
        var (releases, indicators) = ReadReleasesAndIndicators();
        var dense = RankRequestValues(names, requestUsed, side.SessionIpUsed, releases);
        var smallTables = Stopwatch.GetElapsedTime(started);
        var start = window is { } w && latest is { } last ? SnapshotWindow.Start(last, w) : long.MinValue;
        var columns = Merge(previousSnapshot, side, dense, added, addedAccount, start);
        var merged = Stopwatch.GetElapsedTime(started);
        var inputHash = SqliteInputHash.Compute(db);
        var hashed = Stopwatch.GetElapsedTime(started);
        state = new SqliteSnapshotState(schema, maxRowId, digestRows, digest, latest, names, requestUsed);
        counts = new DeltaCounts(added.Count, side.AccountIds.Length - previousSnapshot.AccountCount, newNames)
        {
            NewRows = newRows,
            SmallTables = smallTables - newRows,
            Merge = merged - smallTables,
            InputHash = hashed - merged,
        };
        fallback = null;
        // A windowed snapshot names its window in its input hash, as the cut of a full read does (SnapshotWindow.Cut).
        var windowedHash = start == long.MinValue ? inputHash : SnapshotWindow.Hash(inputHash, start, latest!.Value);
        return Assemble(windowedHash, side, dense, releases, indicators, start, columns);
    }

    /// <summary>
    /// What a full read takes besides the requests: the dictionaries other than the account keys (given) and every
    /// dictionary's ordinal order, the account side, releases and indicators.
    /// </summary>
    private RestOfStore ReadRest(string?[] accountNames, bool[] requestAccountUsed)
    {
        var names = new string?[DictionaryTables.Length][];
        names[AccountKeys] = accountNames;
        for (var k = 0; k < names.Length; k++)
        {
            names[k] ??= LoadDictionary(DictionaryTables[k]);
        }

        // The ordinal orders do not depend on what is used: they are sorted on another thread while this one reads the
        // accounts (millions of prompt fingerprints take seconds).
        var ordering = Task.Run(() => Array.ConvertAll(names, DictionaryOrder), ct);
        var side = ReadAccountSide(accountNames, requestAccountUsed, names[IpKeys].Length);
        var (releases, indicators) = ReadReleasesAndIndicators();
        return new RestOfStore(names, ordering.GetAwaiter().GetResult(), side, releases, indicators);
    }

    /// <summary>
    /// <see cref="ReadRest"/> on a connection of its own, opened with <paramref name="open"/>, when that connection reads what
    /// the reader's does: the same input hash (every table's contents) and dictionaries of the same lengths; then ranges of the
    /// request scan, until none is left. Null when it does not read the same (and then it takes no range). Two connections of
    /// a WAL store read the same committed state unless a writer commits between their first reads; SQLite's snapshot API
    /// would say so too, but needs a WAL file that holds a transaction, which a store at rest has not.
    /// </summary>
    private RestOfStore? ReadRestBeside(
        Func<sqlite3> open, string inputHash, int[] lengths, string?[] accountNames, bool[] requestAccountUsed, Task<RequestScan> scan, int[] requestAccountDense)
    {
        using var sibling = open();
        SqliteConnections.Execute(sibling, "BEGIN DEFERRED");
        var reader = new SqliteSnapshotReader(sibling, null, ct);
        for (var k = 0; k < lengths.Length; k++)
        {
            if (reader.DictionaryLength(DictionaryTables[k]) != lengths[k])
            {
                return null;
            }
        }

        if (!string.Equals(SqliteInputHash.Compute(sibling), inputHash, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = reader.ReadRest(accountNames, requestAccountUsed);
        ScanRequests(sibling, scan.GetAwaiter().GetResult(), requestAccountDense, beside: true, RangeTaken, ct);
        return rest;
    }

    /// <summary>
    /// Takes ranges of <paramref name="scan"/> until none is left: each read whole on <paramref name="connection"/> into staged
    /// chunks, with the account's rank where the row's slot will go, and handed back to be placed.
    /// </summary>
    private static void ScanRequests(sqlite3 connection, RequestScan scan, int[] requestAccountDense, bool beside, Action<bool, int>? taken, CancellationToken ct)
    {
        using var smallCache = ScanRangeBounds.SmallCache(connection);
        using var requests = new RawStatement(connection, ScanRangeBounds.Query);
        while (scan.Take(out var range, out var from, out var to))
        {
            taken?.Invoke(beside, range);
            var staged = new List<StagedRequests>();
            var chunk = scan.Rent();
            requests.BindInt64(1, from);
            requests.BindInt64(2, to);
            while (requests.Read())
            {
                if (chunk.Count == StageRows)
                {
                    staged.Add(chunk);
                    chunk = scan.Rent();
                    ct.ThrowIfCancellationRequested();
                }

                var r = chunk.Count++;
                chunk.Slot[r] = requestAccountDense[requests.GetInt64(1)];
                Stage(requests, chunk, r, tsColumn: 2);
            }

            staged.Add(chunk);
            scan.Complete(range, staged, beside);
        }
    }

    /// <summary>
    /// One request row's id (column 0) and its ts, model, capability, prompt fingerprint, ip and client (columns
    /// <paramref name="tsColumn"/> on, in that order) into row <paramref name="r"/> of <paramref name="chunk"/>.
    /// </summary>
    private static void Stage(RawStatement requests, StagedRequests chunk, int r, int tsColumn)
    {
        chunk.RowId[r] = requests.GetInt64(0);
        chunk.Ts[r] = requests.GetInt64(tsColumn);
        chunk.Model[r] = (int)requests.GetInt64(tsColumn + 1);
        chunk.Capability[r] = (int)requests.GetInt64(tsColumn + 2);
        chunk.Fingerprint[r] = (int)requests.GetInt64(tsColumn + 3);
        chunk.Ip[r] = (int)requests.GetInt64(tsColumn + 4);
        chunk.Client[r] = (int)requests.GetInt64(tsColumn + 5);
    }

    /// <summary>
    /// CSR offsets over every account from offsets over the accounts requests name (<paramref name="requestDense"/>, by key):
    /// those are ranked by the same ordinal order, so each keeps its rows where they are and the others get none.
    /// </summary>
    private static int[] Widen(int[] offsets, int[] requestDense, int[] accountDense, int accountCount)
    {
        var widened = new int[accountCount + 1];
        for (var key = 0; key < requestDense.Length; key++)
        {
            if (requestDense[key] is var p and >= 0)
            {
                widened[accountDense[key] + 1] = offsets[p + 1] - offsets[p];
            }
        }

        for (var a = 0; a < accountCount; a++)
        {
            widened[a + 1] += widened[a];
        }

        for (var key = 0; key < requestDense.Length; key++)
        {
            if (requestDense[key] is var p and >= 0 && widened[accountDense[key]] != offsets[p])
            {
                throw new InvalidOperationException("The accounts of the requests are not ranked as the accounts of the whole store.");
            }
        }

        return widened;
    }

    /// <summary>Accounts (ranked), their rows, payments and sessions: read whole by a full read and by a delta alike.</summary>
    private AccountSide ReadAccountSide(string?[] accountKeyNames, bool[] requestAccountUsed, int ipKeyCount)
    {
        var accountUsed = (bool[])requestAccountUsed.Clone();
        MarkUsed("SELECT account FROM accounts", accountUsed);
        MarkUsed("SELECT DISTINCT account FROM payments", accountUsed);
        MarkUsed("SELECT DISTINCT account FROM sessions", accountUsed);
        var (accountIds, accountDense) = Rank(accountKeyNames, accountUsed);
        var accountCount = accountIds.Length;

        var createdAt = new long[accountCount];
        Array.Fill(createdAt, UnknownCreatedAt);
        var pathway = new AccessPathway[accountCount];
        Array.Fill(pathway, AccessPathway.Other);
        var country = new string?[accountCount];
        var status = new AccountStatus?[accountCount];
        var emailDomain = new string?[accountCount];
        var emailHash = new string?[accountCount];
        var orgName = new string?[accountCount];
        var displayName = new string?[accountCount];
        using (var accounts = new RawStatement(db, "SELECT account, created_at, email_domain, email_hash, org_name, access_pathway, country, status, display_name FROM accounts"))
        {
            while (accounts.Read())
            {
                var a = accountDense[accounts.GetInt64(0)];
                createdAt[a] = accounts.GetInt64(1);
                emailDomain[a] = accounts.GetText(2);
                emailHash[a] = accounts.GetText(3);
                orgName[a] = accounts.GetText(4);
                pathway[a] = (AccessPathway)accounts.GetInt64(5);
                country[a] = accounts.GetText(6);
                status[a] = (AccountStatus?)accounts.GetNullableInt64(7);
                displayName[a] = accounts.GetText(8);
            }
        }

        // ---- payments, sorted by (account, instrument) ----
        var paymentAccount = new List<int>();
        var paymentInstrumentText = new List<string>();
        var paymentKind = new List<PaymentKind?>();
        var paymentBin = new List<string?>();
        var paymentFirstSeen = new List<long>();
        using (var payments = new RawStatement(db, "SELECT account, instrument, kind, bin, first_seen FROM payments"))
        {
            while (payments.Read())
            {
                paymentAccount.Add(accountDense[payments.GetInt64(0)]);
                paymentInstrumentText.Add(payments.GetText(1)!);
                paymentKind.Add((PaymentKind?)payments.GetNullableInt64(2));
                paymentBin.Add(payments.GetText(3));
                paymentFirstSeen.Add(payments.GetInt64(4));
            }
        }

        var (instruments, paymentInstrument) = Encode(paymentInstrumentText.ToArray());
        var paymentOrder = Order(paymentAccount.Count, (x, y) =>
        {
            var byAccount = paymentAccount[x].CompareTo(paymentAccount[y]);
            return byAccount != 0 ? byAccount : paymentInstrument[x].CompareTo(paymentInstrument[y]);
        });

        // ---- sessions: one scan in key order gives the runs per (account, ip) and each IP's attributes ----
        var sessions = new SessionRows(ipKeyCount);
        var attributes = new IpAttributeWinners(ipKeyCount);
        using (var select = new RawStatement(db, "SELECT account, ip, seen_at, asn, asn_org, ip_type FROM sessions ORDER BY account, ip, seen_at"))
        {
            long runAccount = -1, runIp = -1;
            while (select.Read())
            {
                var account = select.GetInt64(0);
                var ip = (int)select.GetInt64(1);
                var seenAt = select.GetInt64(2);
                if (account != runAccount || ip != runIp)
                {
                    (runAccount, runIp) = (account, ip);
                    sessions.IpUsed[ip] = true;
                    sessions.Account.Add(accountDense[account]);
                    sessions.IpKey.Add(ip);
                    sessions.Count.Add(0);
                    sessions.First.Add(seenAt);
                    sessions.Last.Add(seenAt);
                }

                sessions.Count[^1]++;
                sessions.Last[^1] = seenAt;
                bool namesAsn = !select.IsNull(3), namesAsnOrg = !select.IsNull(4), namesType = !select.IsNull(5);
                if (attributes.MayWin(ip, seenAt, namesAsn, namesAsnOrg, namesType))
                {
                    attributes.Offer(ip, new IpAttributeWinners.SessionKey(
                        seenAt, select.GetNullableInt64(3), select.GetText(4), (IpType?)select.GetNullableInt64(5)));
                }
            }
        }

        for (var ip = 0; ip < ipKeyCount; ip++)
        {
            sessions.AsnByKey[ip] = attributes.Asn(ip) ?? -1;
            sessions.AsnOrgByKey[ip] = attributes.AsnOrg(ip);
            sessions.TypeByKey[ip] = attributes.Type(ip);
        }

        var (emailDomains, accountEmailDomain) = Encode(emailDomain);
        var (emailHashes, accountEmailHash) = Encode(emailHash);
        var (orgNames, accountOrgName) = Encode(orgName);
        var (displayNames, accountDisplayName) = Encode(displayName);
        return new AccountSide
        {
            AccountIds = accountIds,
            AccountDense = accountDense,
            CreatedAt = createdAt,
            Pathway = pathway,
            Country = country,
            Status = status,
            EmailDomains = emailDomains,
            AccountEmailDomain = accountEmailDomain,
            EmailHashes = emailHashes,
            AccountEmailHash = accountEmailHash,
            OrgNames = orgNames,
            AccountOrgName = accountOrgName,
            DisplayNames = displayNames,
            AccountDisplayName = accountDisplayName,
            Instruments = instruments,
            PaymentAccount = Gather(paymentOrder, CollectionsMarshal.AsSpan(paymentAccount)),
            PaymentInstrument = Gather<int>(paymentOrder, paymentInstrument),
            PaymentKind = Gather(paymentOrder, CollectionsMarshal.AsSpan(paymentKind)),
            PaymentBin = Gather(paymentOrder, CollectionsMarshal.AsSpan(paymentBin)),
            PaymentFirstSeen = Gather(paymentOrder, CollectionsMarshal.AsSpan(paymentFirstSeen)),
            Sessions = sessions,
        };
    }

    private (ReleaseRecord[] Releases, IndicatorRecord[] Indicators) ReadReleasesAndIndicators()
    {
        var releases = new List<ReleaseRecord>();
        using (var select = new RawStatement(db, "SELECT model, released_at FROM releases ORDER BY model"))
        {
            while (select.Read())
            {
                releases.Add(new ReleaseRecord(select.GetText(0)!, DateTimeOffset.FromUnixTimeMilliseconds(select.GetInt64(1))));
            }
        }

        var indicators = new List<IndicatorRecord>();
        using (var select = new RawStatement(db, "SELECT operator_id, operator_name, kind, value, confidence, source FROM indicators ORDER BY operator_id, kind, value"))
        {
            while (select.Read())
            {
                indicators.Add(new IndicatorRecord(
                    select.GetText(0)!, select.GetText(1), (IndicatorKind)select.GetInt64(2), select.GetText(3)!, select.GetDouble(4), select.GetText(5)));
            }
        }

        return ([.. releases], [.. indicators]);
    }

    /// <summary>Dense string tables of the values requests name (models also of releases, IPs also of sessions).</summary>
    private static DenseValues RankRequestValues(
        string?[][] names, bool[][] requestUsed, bool[] sessionIpUsed, ReleaseRecord[] releases, int[][]? orders = null)
    {
        var ipUsed = (bool[])requestUsed[IpKeys].Clone();
        for (var i = 0; i < sessionIpUsed.Length; i++)
        {
            ipUsed[i] |= sessionIpUsed[i];
        }

        var (models, modelDense) = Rank(names[ModelKeys], requestUsed[ModelKeys], Array.ConvertAll(releases, r => r.Model));
        var (capabilities, capabilityDense) = Rank(names[CapabilityKeys], requestUsed[CapabilityKeys], order: orders?[CapabilityKeys]);
        var (fingerprints, fingerprintDense) = Rank(names[FingerprintKeys], requestUsed[FingerprintKeys], order: orders?[FingerprintKeys]);
        var (ips, ipDense) = Rank(names[IpKeys], ipUsed, order: orders?[IpKeys]);
        var (clients, clientDense) = Rank(names[ClientKeys], requestUsed[ClientKeys], order: orders?[ClientKeys]);
        return new DenseValues(models, modelDense, capabilities, capabilityDense, fingerprints, fingerprintDense, ips, ipDense, clients, clientDense);
    }

    /// <summary>The snapshot from its parts; sessions last seen at or before <paramref name="windowStart"/> drop (the window's cut).</summary>
    private static DetectionSnapshot Assemble(
        string inputHash, AccountSide side, DenseValues dense, ReleaseRecord[] releases, IndicatorRecord[] indicators, long windowStart, RequestColumns requests)
    {
        var ips = dense.Ips;
        var ipDense = dense.Ip;
        var s = side.Sessions;
        var ipAsn = new long[ips.Length];
        var ipAsnOrg = new string?[ips.Length];
        var ipKind = new IpType?[ips.Length];
        for (var key = 1; key < ipDense.Length; key++)
        {
            var d = ipDense[key];
            if (d >= 0)
            {
                ipAsn[d] = key < s.AsnByKey.Length ? s.AsnByKey[key] : -1;
                ipAsnOrg[d] = key < s.AsnOrgByKey.Length ? s.AsnOrgByKey[key] : null;
                ipKind[d] = key < s.TypeByKey.Length ? s.TypeByKey[key] : null;
            }
        }

        var sessionOrder = SessionOrder(CollectionsMarshal.AsSpan(s.Account), CollectionsMarshal.AsSpan(s.IpKey), ipDense, side.AccountIds.Length, ips.Length);
        if (windowStart != long.MinValue)
        {
            sessionOrder = Array.FindAll(sessionOrder, i => s.Last[i] > windowStart);
        }

        // The session columns in that order, side by side (each reads its own list).
        int[] sessionAccount = [], sessionIp = [], sessionCount = [];
        long[] sessionFirst = [], sessionLast = [];
        Parallel.Invoke(
            () => sessionAccount = Gather(sessionOrder, CollectionsMarshal.AsSpan(s.Account)),
            () => sessionIp = Gather(sessionOrder, CollectionsMarshal.AsSpan(s.IpKey), ipDense),
            () => sessionCount = Gather(sessionOrder, CollectionsMarshal.AsSpan(s.Count)),
            () => sessionFirst = Gather(sessionOrder, CollectionsMarshal.AsSpan(s.First)),
            () => sessionLast = Gather(sessionOrder, CollectionsMarshal.AsSpan(s.Last)));

        return new DetectionSnapshot
        {
            InputHash = inputHash,
            AccountIds = side.AccountIds,
            Instruments = side.Instruments,
            Ips = ips,
            Models = dense.Models,
            Capabilities = dense.Capabilities,
            PromptFingerprints = dense.Fingerprints,
            Clients = dense.Clients,
            EmailDomains = side.EmailDomains,
            EmailHashes = side.EmailHashes,
            OrgNames = side.OrgNames,
            DisplayNames = side.DisplayNames,
            AccountCreatedAtMs = side.CreatedAt,
            AccountPathway = side.Pathway,
            AccountEmailDomain = side.AccountEmailDomain,
            AccountEmailHash = side.AccountEmailHash,
            AccountOrgName = side.AccountOrgName,
            AccountDisplayName = side.AccountDisplayName,
            AccountCountry = side.Country,
            AccountStatus = side.Status,
            PaymentAccount = side.PaymentAccount,
            PaymentInstrument = side.PaymentInstrument,
            PaymentKind = side.PaymentKind,
            PaymentBin = side.PaymentBin,
            PaymentFirstSeenMs = side.PaymentFirstSeen,
            IpAsn = ipAsn,
            IpAsnOrg = ipAsnOrg,
            IpKind = ipKind,
            SessionAccount = sessionAccount,
            SessionIp = sessionIp,
            SessionCount = sessionCount,
            SessionFirstSeenMs = sessionFirst,
            SessionLastSeenMs = sessionLast,
            RequestOffsets = requests.Offsets,
            RequestRowId = requests.RowId,
            RequestTsMs = requests.Ts,
            RequestModel = requests.Model,
            RequestCapability = requests.Capability,
            RequestPromptFingerprint = requests.Fingerprint,
            RequestIp = requests.Ip,
            RequestClient = requests.Client,
            Releases = releases,
            Indicators = indicators,
        };
    }

    /// <summary>
    /// The sessions' indexes by (account, IP dense id): two stable counting passes, by IP and then by account (a session's
    /// pair is unique, so this is the order a sort of packed (account, IP) numbers gave, in linear time: at 4.76 M
    /// sessions the sort took most of the snapshot's last, single-threaded step).
    /// </summary>
    internal static int[] SessionOrder(ReadOnlySpan<int> account, ReadOnlySpan<int> ipKey, int[] ipDense, int accountCount, int ipCount)
    {
        var count = account.Length;
        var byIp = new int[count];
        var start = new int[Math.Max(accountCount, ipCount) + 1];
        for (var i = 0; i < count; i++)
        {
            start[ipDense[ipKey[i]] + 1]++;
        }

        for (var d = 0; d < ipCount; d++)
        {
            start[d + 1] += start[d];
        }

        for (var i = 0; i < count; i++)
        {
            byIp[start[ipDense[ipKey[i]]]++] = i;
        }

        Array.Clear(start);
        foreach (var a in account)
        {
            start[a + 1]++;
        }

        for (var a = 0; a < accountCount; a++)
        {
            start[a + 1] += start[a];
        }

        var order = new int[count];
        foreach (var i in byIp)
        {
            order[start[account[i]]++] = i;
        }

        return order;
    }

    /// <summary>
    /// The request columns of the new snapshot: each account's rows of <paramref name="previous"/> still in the window (their
    /// ids moved to the new dense ids), then its <paramref name="added"/> rows; an account whose merged rows are out of time
    /// order is sorted by (ts, row id), as a full read sorts it.
    /// </summary>
    private static RequestColumns Merge(
        DetectionSnapshot previous, AccountSide side, DenseValues dense, StagedRequests added, List<int> addedAccountKey, long start)
    {
        var accountCount = side.AccountIds.Length;
        var accountMap = MapByName(previous.AccountIds, side.AccountIds) ?? [.. Enumerable.Range(0, previous.AccountCount)];
        var modelMap = MapByName(previous.Models, dense.Models);
        var capabilityMap = MapByName(previous.Capabilities, dense.Capabilities);
        var fingerprintMap = MapByName(previous.PromptFingerprints, dense.Fingerprints);
        var ipMap = MapByName(previous.Ips, dense.Ips);
        var clientMap = MapByName(previous.Clients, dense.Clients);

        var offsets = new int[accountCount + 1];
        var keepFrom = new int[previous.AccountCount];
        for (var a = 0; a < previous.AccountCount; a++)
        {
            int from = previous.RequestOffsets[a], to = previous.RequestOffsets[a + 1];
            keepFrom[a] = FirstAfter(previous.RequestTsMs, from, to, start);
            offsets[accountMap[a] + 1] += to - keepFrom[a];
        }

        var addedDense = new int[added.Count];
        for (var r = 0; r < added.Count; r++)
        {
            addedDense[r] = added.Ts[r] > start ? side.AccountDense[addedAccountKey[r]] : -1;
            if (addedDense[r] >= 0)
            {
                offsets[addedDense[r] + 1]++;
            }
        }

        for (var a = 0; a < accountCount; a++)
        {
            offsets[a + 1] += offsets[a];
        }

        var total = offsets[accountCount];
        var c = new RequestColumns(offsets, new long[total], new long[total], new int[total], new int[total], new int[total], new int[total], new int[total]);
        var next = offsets[..accountCount];
        for (var a = 0; a < previous.AccountCount; a++)
        {
            int from = keepFrom[a], length = previous.RequestOffsets[a + 1] - from, at = next[accountMap[a]];
            if (length == 0)
            {
                continue;
            }

            Array.Copy(previous.RequestRowId, from, c.RowId, at, length);
            Array.Copy(previous.RequestTsMs, from, c.Ts, at, length);
            CopyMapped(previous.RequestModel, from, c.Model, at, length, modelMap);
            CopyMapped(previous.RequestCapability, from, c.Capability, at, length, capabilityMap);
            CopyMapped(previous.RequestPromptFingerprint, from, c.Fingerprint, at, length, fingerprintMap);
            CopyMapped(previous.RequestIp, from, c.Ip, at, length, ipMap);
            CopyMapped(previous.RequestClient, from, c.Client, at, length, clientMap);
            next[accountMap[a]] += length;
        }

        var touched = new bool[accountCount];
        for (var r = 0; r < added.Count; r++)
        {
            var a = addedDense[r];
            if (a < 0)
            {
                continue;
            }

            var p = next[a]++;
            touched[a] = true;
            c.RowId[p] = added.RowId[r];
            c.Ts[p] = added.Ts[r];
            c.Model[p] = dense.Model[added.Model[r]];
            c.Capability[p] = dense.Capability[added.Capability[r]];
            c.Fingerprint[p] = dense.Fingerprint[added.Fingerprint[r]];
            c.Ip[p] = dense.Ip[added.Ip[r]];
            c.Client[p] = dense.Client[added.Client[r]];
        }

        SortWithinAccounts(offsets, c.RowId, c.Ts, [c.Model, c.Capability, c.Fingerprint, c.Ip, c.Client], touched);
        return c;
    }

    /// <summary>The first row in [from, to) with a timestamp after <paramref name="start"/> (rows sorted by time), or <paramref name="to"/>.</summary>
    private static int FirstAfter(long[] ts, int from, int to, long start)
    {
        if (from == to || ts[from] > start)
        {
            return from;
        }

        int lo = from, hi = to;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (ts[mid] > start)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>
    /// Where each string of <paramref name="old"/> stands in <paramref name="now"/> (both sorted ordinal); null when every
    /// one keeps its index. Throws when one is missing: values a store held are never dropped.
    /// </summary>
    private static int[]? MapByName(string[] old, string[] now)
    {
        var map = new int[old.Length];
        var identity = old.Length <= now.Length;
        var j = 0;
        for (var i = 0; i < old.Length; i++)
        {
            while (j < now.Length && string.CompareOrdinal(now[j], old[i]) < 0)
            {
                j++;
            }

            if (j == now.Length || !string.Equals(now[j], old[i], StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"'{old[i]}' of the previous snapshot is not in the new one.");
            }

            map[i] = j;
            identity &= j == i;
        }

        return identity ? null : map;
    }

    /// <summary>Copies ids, moved through <paramref name="map"/> (null: unchanged); -1 (absent) stays -1.</summary>
    private static void CopyMapped(int[] from, int fromIndex, int[] to, int toIndex, int length, int[]? map)
    {
        if (map is null)
        {
            Array.Copy(from, fromIndex, to, toIndex, length);
            return;
        }

        for (var i = 0; i < length; i++)
        {
            var id = from[fromIndex + i];
            to[toIndex + i] = id < 0 ? id : map[id];
        }
    }

    private int SchemaVersion()
    {
        using var select = new RawStatement(db, "SELECT coalesce(max(version), 0) FROM schema_migrations");
        select.Read();
        var version = (int)select.GetInt64(0);
        select.Reset();
        return version;
    }

    /// <summary>Rows and content digest of the requests table, as the writer keeps them (zero for an empty store).</summary>
    private (long Rows, byte[] Digest) RequestDigest()
    {
        using var select = new RawStatement(db, $"SELECT rows, digest FROM content_digests WHERE name = '{SqliteRows.RequestsTable}'");
        if (!select.Read())
        {
            return (0, new byte[ContentDigest.Size]);
        }

        var result = (select.GetInt64(0), select.GetBlob(1).ToArray());
        select.Reset();
        return result;
    }

    /// <summary>
    /// A dictionary read earlier (<paramref name="known"/>, by row id) with the rows added since; null when the table no
    /// longer holds what was read (fewer rows, or another string at the last id read).
    /// </summary>
    private string?[]? ExtendDictionary(string table, string?[] known)
    {
        var lastId = known.Length - 1;
        using (var max = new RawStatement(db, $"SELECT coalesce(max(id), 0), (SELECT value FROM {table} WHERE id = ?1) FROM {table}"))
        {
            max.BindInt64(1, lastId);
            max.Read();
            var count = max.GetInt64(0);
            var value = max.GetText(1);
            max.Reset();
            if (count < lastId || !string.Equals(value, known[lastId], StringComparison.Ordinal))
            {
                return null;
            }

            if (count == lastId)
            {
                return known;
            }

            var names = new string?[count + 1];
            known.CopyTo(names, 0);
            using var select = new RawStatement(db, $"SELECT id, value FROM {table} WHERE id > ?1");
            select.BindInt64(1, lastId);
            while (select.Read())
            {
                names[select.GetInt64(0)] = select.GetText(1);
            }

            return names;
        }
    }

    private long CountRequests()
    {
        using var select = new RawStatement(db, $"SELECT rows FROM content_digests WHERE name = '{SqliteRows.RequestsTable}'");
        if (!select.Read())
        {
            return 0;
        }

        var count = select.GetInt64(0);
        select.Reset();
        return count;
    }

    /// <summary>The length of <see cref="LoadDictionary"/>'s array: the highest row id, plus one.</summary>
    private int DictionaryLength(string table)
    {
        using var max = new RawStatement(db, $"SELECT coalesce(max(id), 0) FROM {table}");
        max.Read();
        var length = checked((int)max.GetInt64(0) + 1);
        max.Reset();
        return length;
    }

    /// <summary>A dictionary table as an array indexed by row id (index 0, "absent", stays null).</summary>
    private string?[] LoadDictionary(string table)
    {
        var names = new string?[DictionaryLength(table)];
        using var select = new RawStatement(db, $"SELECT id, value FROM {table}");
        while (select.Read())
        {
            names[select.GetInt64(0)] = select.GetText(1);
        }

        return names;
    }

    private void MarkUsed(string sql, bool[] used)
    {
        using var select = new RawStatement(db, sql);
        while (select.Read())
        {
            used[select.GetInt64(0)] = true;
        }
    }

    /// <summary>
    /// Dense ids for the used rows of a dictionary (plus <paramref name="extra"/> strings not in it): ranks in
    /// ordinal order. Returns the strings and the map from row id to dense id (-1 for unused and for 0).
    /// <paramref name="order"/>, when given, is the dictionary's <see cref="DictionaryOrder"/> (and there is no extra).
    /// </summary>
    private static (string[] Names, int[] Dense) Rank(string?[] names, bool[] used, IReadOnlyList<string>? extra = null, int[]? order = null)
    {
        if (order is not null && extra is null)
        {
            var ranked = new List<string>();
            var map = new int[names.Length];
            Array.Fill(map, -1);
            foreach (var id in order)
            {
                if (used[id])
                {
                    map[id] = ranked.Count;
                    ranked.Add(names[id]!);
                }
            }

            return ([.. ranked], map);
        }

        var values = new List<string>();
        var ids = new List<int>();
        for (var id = 1; id < names.Length; id++)
        {
            if (used[id] && names[id] is { } name)
            {
                values.Add(name);
                ids.Add(id);
            }
        }

        foreach (var name in extra ?? [])
        {
            values.Add(name);
            ids.Add(-1);
        }

        var byValue = OrdinalOrder(values);
        var sorted = new List<string>(byValue.Length);
        var dense = new int[names.Length];
        Array.Fill(dense, -1);
        for (var i = 0; i < byValue.Length; i++)
        {
            var value = values[byValue[i]];
            if (sorted.Count == 0 || !string.Equals(sorted[^1], value, StringComparison.Ordinal))
            {
                sorted.Add(value);
            }

            if (ids[byValue[i]] >= 0)
            {
                dense[ids[byValue[i]]] = sorted.Count - 1;
            }
        }

        return ([.. sorted], dense);
    }

    /// <summary>The row ids of a dictionary's strings (index 0 and gaps left out) in ordinal order of the strings, which are distinct.</summary>
    private static int[] DictionaryOrder(string?[] names)
    {
        var values = new List<string>(names.Length);
        var ids = new List<int>(names.Length);
        for (var id = 1; id < names.Length; id++)
        {
            if (names[id] is { } name)
            {
                values.Add(name);
                ids.Add(id);
            }
        }

        var order = OrdinalOrder(values);
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = ids[order[i]];
        }

        return order;
    }

    /// <summary>
    /// The indexes of <paramref name="values"/> in ordinal order. Each value's first code units after the prefix every value
    /// shares, packed into a 64-bit key in the same order (eight when every value is Latin-1, as ids and fingerprints are,
    /// else four), are sorted as numbers; only values whose keys tie are compared as strings. Millions of fingerprints then
    /// cost a numeric sort and few string comparisons instead of an ordinal string sort, a hash set and a dictionary. The
    /// shared prefix is skipped because it would fill the key: fingerprints named <c>tpl_</c> and hex left four hex digits
    /// to it, and about 70 values tied per key at 4.6 M fingerprints (sorted in 2.55 s against 0.83–0.99 s, decision D40).
    /// </summary>
    internal static int[] OrdinalOrder(IReadOnlyList<string> values)
    {
        var latin1 = true;
        foreach (var value in values)
        {
            foreach (var c in value)
            {
                latin1 &= c <= '\u00FF';
            }
        }

        // Values that agree on their first `shared` code units are ordered by what follows; a value that ends there keys
        // as padding (0), first, as the ordinal comparer puts a prefix before its extensions (ties with NUL are compared).
        var shared = values.Count == 0 ? 0 : values[0].Length;
        foreach (var value in values)
        {
            shared = Math.Min(shared, values[0].AsSpan(0, shared).CommonPrefixLength(value));
        }

        int width = latin1 ? 8 : 16, units = 64 / width;
        var keys = new ulong[values.Count];
        var order = new int[values.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var value = values[i];
            ulong key = 0;
            for (var u = shared; u < shared + units; u++)
            {
                key = (key << width) | (u < value.Length ? value[u] : 0UL);
            }

            keys[i] = key;
            order[i] = i;
        }

        Array.Sort(keys, order);
        var byValue = Comparer<int>.Create((x, y) => string.CompareOrdinal(values[x], values[y]));
        for (int start = 0, end; start < keys.Length; start = end)
        {
            for (end = start + 1; end < keys.Length && keys[end] == keys[start]; end++)
            {
            }

            if (end - start > 1)
            {
                Array.Sort(order, start, end - start, byValue);
            }
        }

        return order;
    }

    /// <summary>Dense ids for a column of optional strings: the sorted distinct values, and each row's rank (-1 for null).</summary>
    private static (string[] Names, int[] Ids) Encode(string?[] values)
    {
        var sorted = values.Where(v => v is not null).Select(v => v!).Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var rank = new Dictionary<string, int>(sorted.Length, StringComparer.Ordinal);
        for (var i = 0; i < sorted.Length; i++)
        {
            rank[sorted[i]] = i;
        }

        var ids = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            ids[i] = values[i] is { } value ? rank[value] : -1;
        }

        return (sorted, ids);
    }

    private static void Remap(int[] column, int[] dense)
    {
        for (var i = 0; i < column.Length; i++)
        {
            column[i] = dense[column[i]];
        }
    }

    private static int[] Order(int count, Comparison<int> compare)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, compare);
        return order;
    }

    /// <summary>The values in <paramref name="order"/>.</summary>
    private static T[] Gather<T>(int[] order, ReadOnlySpan<T> values)
    {
        var result = new T[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            result[i] = values[order[i]];
        }

        return result;
    }

    /// <summary>The keys in <paramref name="order"/>, each mapped through <paramref name="map"/>.</summary>
    private static int[] Gather(int[] order, ReadOnlySpan<int> keys, int[] map)
    {
        var result = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            result[i] = map[keys[order[i]]];
        }

        return result;
    }

    /// <summary>
    /// Rows of each account arrive in row-id order; an account whose rows are not already in time order is
    /// sorted by (ts, row id), so equal timestamps keep a stable order.
    /// </summary>
    private static void Scatter<T>(ReadOnlySpan<int> slot, T[] staged, T[] column)
    {
        for (var r = 0; r < slot.Length; r++)
        {
            column[slot[r]] = staged[r];
        }
    }

    private static void MarkUsed(int[] ids, int count, bool[] used)
    {
        for (var r = 0; r < count; r++)
        {
            used[ids[r]] = true;
        }
    }

    /// <summary>
    /// One chunk of request rows in table order, with the slot each goes to (a full read stages the account's rank there
    /// until the chunk is placed; see <see cref="Read()"/>); a delta's new rows.
    /// </summary>
    internal sealed class StagedRequests(int capacity)
    {
        public int Count;
        public int[] Slot = new int[capacity];
        public long[] RowId = new long[capacity];
        public long[] Ts = new long[capacity];
        public int[] Model = new int[capacity];
        public int[] Capability = new int[capacity];
        public int[] Fingerprint = new int[capacity];
        public int[] Ip = new int[capacity];
        public int[] Client = new int[capacity];

        /// <summary>Makes room for at least <paramref name="rows"/> rows (doubling).</summary>
        public void Grow(int rows)
        {
            if (rows <= RowId.Length)
            {
                return;
            }

            var size = Math.Max(rows, RowId.Length * 2);
            Array.Resize(ref Slot, size);
            Array.Resize(ref RowId, size);
            Array.Resize(ref Ts, size);
            Array.Resize(ref Model, size);
            Array.Resize(ref Capability, size);
            Array.Resize(ref Fingerprint, size);
            Array.Resize(ref Ip, size);
            Array.Resize(ref Client, size);
        }
    }

    /// <summary>Accounts and what hangs off them, read whole by a full read and a delta alike.</summary>
    private sealed class AccountSide
    {
        public required string[] AccountIds { get; init; }
        public required int[] AccountDense { get; init; }
        public required long[] CreatedAt { get; init; }
        public required AccessPathway[] Pathway { get; init; }
        public required string?[] Country { get; init; }
        public required AccountStatus?[] Status { get; init; }
        public required string[] EmailDomains { get; init; }
        public required int[] AccountEmailDomain { get; init; }
        public required string[] EmailHashes { get; init; }
        public required int[] AccountEmailHash { get; init; }
        public required string[] OrgNames { get; init; }
        public required int[] AccountOrgName { get; init; }
        public required string[] DisplayNames { get; init; }
        public required int[] AccountDisplayName { get; init; }
        public required string[] Instruments { get; init; }
        public required int[] PaymentAccount { get; init; }
        public required int[] PaymentInstrument { get; init; }
        public required PaymentKind?[] PaymentKind { get; init; }
        public required string?[] PaymentBin { get; init; }
        public required long[] PaymentFirstSeen { get; init; }
        public required SessionRows Sessions { get; init; }

        public bool[] SessionIpUsed => Sessions.IpUsed;
    }

    /// <summary>Sessions per (account, ip) with IP keys, and the per-IP attributes by IP key.</summary>
    private sealed class SessionRows
    {
        public SessionRows(int ipKeyCount)
        {
            IpUsed = new bool[ipKeyCount];
            AsnByKey = new long[ipKeyCount];
            Array.Fill(AsnByKey, -1);
            AsnOrgByKey = new string?[ipKeyCount];
            TypeByKey = new IpType?[ipKeyCount];
        }

        public bool[] IpUsed { get; }
        public long[] AsnByKey { get; }
        public string?[] AsnOrgByKey { get; }
        public IpType?[] TypeByKey { get; }
        public List<int> Account { get; } = [];
        public List<int> IpKey { get; } = [];
        public List<int> Count { get; } = [];
        public List<long> First { get; } = [];
        public List<long> Last { get; } = [];
    }

    /// <summary>The dense string tables of request values, and each dictionary's map from row id to dense id.</summary>
    private sealed record DenseValues(
        string[] Models, int[] Model, string[] Capabilities, int[] Capability, string[] Fingerprints, int[] Fingerprint,
        string[] Ips, int[] Ip, string[] Clients, int[] Client);

    /// <summary>The request table's row ids cut into at most <see cref="Count"/> ranges of equal width.</summary>
    internal sealed class ScanRangeBounds
    {
        public const string Query = "SELECT id, account, ts, model, capability, prompt_fingerprint, ip, client FROM requests WHERE id BETWEEN ?1 AND ?2";

        private const int Count = 64;
        private readonly long _first;
        private readonly long _last;
        private readonly long _width;

        internal ScanRangeBounds(long first, long last)
        {
            _first = first;
            _last = last;
            _width = ((last - first) / Count) + 1;
            Ranges = (int)((last - first) / _width) + 1;
        }

        public int Ranges { get; }

        /// <summary>The ranges of the table <paramref name="db"/> reads now (one empty range when it has no rows).</summary>
        public static ScanRangeBounds Of(sqlite3 db)
        {
            // Two subqueries: SQLite reads min or max off the end of the row-id tree only when it is a query's one aggregate;
            // both in one query scan the table.
            using var ends = new RawStatement(db, "SELECT coalesce((SELECT min(id) FROM requests), 1), coalesce((SELECT max(id) FROM requests), 0)");
            ends.Read();
            var (first, last) = (ends.GetInt64(0), ends.GetInt64(1));
            ends.Reset();
            return new ScanRangeBounds(first, Math.Max(first, last));
        }

        /// <summary>
        /// Gives <paramref name="db"/> a page cache of 2 MiB until disposed: a scan reads each page once, and a large cache would
        /// fill with the table's pages (256 MiB by default, on each of the two connections).
        /// </summary>
        public static OnDispose SmallCache(sqlite3 db)
        {
            long kept;
            using (var size = new RawStatement(db, "PRAGMA cache_size"))
            {
                size.Read();
                kept = size.GetInt64(0);
                size.Reset();
            }

            SqliteConnections.Execute(db, "PRAGMA cache_size = -2048");
            return new OnDispose(() => SqliteConnections.Execute(db, $"PRAGMA cache_size = {kept}"));
        }

        public (long From, long To) Of(int range)
        {
            var from = _first + (range * _width);
            return (from, Math.Min(_last, from + _width - 1));
        }
    }

    /// <summary>
    /// One full read's request scan shared by its two connections: ranges are taken in row-id order by either; a staged
    /// range is placed (<c>place</c>, chunk by chunk) once every range before it is, by the thread that completes the
    /// range that makes it ready, one thread at a time; chunks are reused.
    /// </summary>
    internal sealed class RequestScan(ScanRangeBounds bounds, Action<StagedRequests> place)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<int, List<StagedRequests>> _ready = [];
        private readonly Stack<StagedRequests> _free = new();
        private int _taken;
        private int _placed;
        private bool _placing;
        private long _rowsBeside;

        public bool AllPlaced
        {
            get
            {
                lock (_gate)
                {
                    return _placed == bounds.Ranges && !_placing;
                }
            }
        }

        /// <summary>Rows the second connection staged.</summary>
        public long RowsReadBeside => Interlocked.Read(ref _rowsBeside);

        public bool Take(out int range, out long from, out long to)
        {
            lock (_gate)
            {
                range = _taken < bounds.Ranges ? _taken++ : -1;
            }

            (from, to) = range >= 0 ? bounds.Of(range) : (0, -1);
            return range >= 0;
        }

        public StagedRequests Rent()
        {
            lock (_gate)
            {
                return _free.TryPop(out var chunk) ? chunk : new StagedRequests(StageRows);
            }
        }

        /// <summary>Hands a staged range back; places it, and the ranges it makes ready, unless another thread is placing.</summary>
        public void Complete(int range, List<StagedRequests> chunks, bool beside)
        {
            if (beside)
            {
                Interlocked.Add(ref _rowsBeside, chunks.Sum(chunk => (long)chunk.Count));
            }

            lock (_gate)
            {
                _ready.Add(range, chunks);
                if (_placing)
                {
                    return; // the placing thread takes it when its turn comes
                }

                _placing = true;
            }

            while (true)
            {
                List<StagedRequests>? next;
                lock (_gate)
                {
                    if (!_ready.Remove(_placed, out next))
                    {
                        _placing = false;
                        return;
                    }
                }

                foreach (var chunk in next)
                {
                    place(chunk);
                    chunk.Count = 0;
                }

                lock (_gate)
                {
                    _placed++;
                    foreach (var chunk in next)
                    {
                        _free.Push(chunk);
                    }
                }
            }
        }
    }

    /// <summary>Runs an action when disposed.</summary>
    internal sealed class OnDispose(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    /// <summary>What <see cref="ReadRest"/> read.</summary>
    private sealed record RestOfStore(
        string?[][] Names, int[][] Orders, AccountSide Side, ReleaseRecord[] Releases, IndicatorRecord[] Indicators);

    private sealed record RequestColumns(
        int[] Offsets, long[] RowId, long[] Ts, int[] Model, int[] Capability, int[] Fingerprint, int[] Ip, int[] Client);

    /// <summary>Sorts each account's rows (only those <paramref name="only"/> marks, when given) by (ts, row id).</summary>
    private static void SortWithinAccounts(int[] offsets, long[] rowId, long[] ts, int[][] columns, bool[]? only)
    {
        for (var a = 0; a + 1 < offsets.Length; a++)
        {
            if (only is not null && !only[a])
            {
                continue;
            }

            int start = offsets[a], end = offsets[a + 1];
            var sorted = true;
            for (var i = start + 1; i < end && sorted; i++)
            {
                sorted = ts[i] > ts[i - 1] || (ts[i] == ts[i - 1] && rowId[i] > rowId[i - 1]);
            }

            if (sorted)
            {
                continue;
            }

            var length = end - start;
            var order = new int[length];
            for (var i = 0; i < length; i++)
            {
                order[i] = start + i;
            }

            Array.Sort(order, (x, y) => ts[x] != ts[y] ? ts[x].CompareTo(ts[y]) : rowId[x].CompareTo(rowId[y]));
            Permute(rowId, order, start);
            Permute(ts, order, start);
            foreach (var column in columns)
            {
                Permute(column, order, start);
            }
        }
    }

    private static void Permute<T>(T[] column, int[] order, int start)
    {
        var copy = new T[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            copy[i] = column[order[i]];
        }

        copy.CopyTo(column, start);
    }
}
