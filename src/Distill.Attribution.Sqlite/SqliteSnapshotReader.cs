using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using SQLitePCL;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// Reads the whole store into a <see cref="DetectionSnapshot"/>. Dense ids are ranks in ordinal string
/// order, so identical contents give identical ids whatever the ingest order. Requests are read with one
/// integer-only table scan and placed straight into their account's slot (the per-account counts in
/// <c>account_stats</c> give the CSR offsets up front), then sorted by time within each account.
/// </summary>
internal sealed class SqliteSnapshotReader(sqlite3 db, IProgress<long>? progress, CancellationToken ct)
{
    private const int ProgressStride = 1 << 20;

    /// <summary>Request rows staged before they are placed: 64k rows, ~2.6 MB, about what stays in a cache.</summary>
    private const int StageRows = 1 << 16;

    /// <summary>Created-at of an account that appears in other records but has no accounts row.</summary>
    public const long UnknownCreatedAt = long.MinValue;

    /// <summary>The accounts of the requests past the aggregates' watermark (migration 0007), one row per request.</summary>
    private const string UnsummedRequests = "SELECT account FROM requests WHERE id > (SELECT requests_upto FROM aggregate_watermark)";

    public DetectionSnapshot Read()
    {
        // ---- accounts: every account named by any table ----
        var accountKeyNames = LoadDictionary("account_keys");
        var accountUsed = new bool[accountKeyNames.Length];
        MarkUsed("SELECT account FROM accounts", accountUsed);
        MarkUsed("SELECT DISTINCT account FROM payments", accountUsed);
        MarkUsed("SELECT DISTINCT account FROM sessions", accountUsed);
        MarkUsed("SELECT account FROM account_stats", accountUsed);
        MarkUsed(UnsummedRequests, accountUsed);
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
        using (var accounts = new RawStatement(db, "SELECT account, created_at, email_domain, email_hash, org_name, access_pathway, country, status FROM accounts"))
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
            }
        }

        var (emailDomains, accountEmailDomain) = Encode(emailDomain);
        var (emailHashes, accountEmailHash) = Encode(emailHash);
        var (orgNames, accountOrgName) = Encode(orgName);

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

        // ---- sessions: per (account, ip), and per-IP attributes (latest non-null wins) ----
        var ipNames = LoadDictionary("ips");
        var ipUsed = new bool[ipNames.Length];
        var sessionAccount = new List<int>();
        var sessionIpKey = new List<int>();
        var sessionCount = new List<int>();
        var sessionFirst = new List<long>();
        var sessionLast = new List<long>();
        using (var sessions = new RawStatement(db, "SELECT account, ip, count(*), min(seen_at), max(seen_at) FROM sessions GROUP BY account, ip"))
        {
            while (sessions.Read())
            {
                var ip = (int)sessions.GetInt64(1);
                ipUsed[ip] = true;
                sessionAccount.Add(accountDense[sessions.GetInt64(0)]);
                sessionIpKey.Add(ip);
                sessionCount.Add((int)sessions.GetInt64(2));
                sessionFirst.Add(sessions.GetInt64(3));
                sessionLast.Add(sessions.GetInt64(4));
            }
        }

        var ipAsnByKey = new long[ipNames.Length];
        Array.Fill(ipAsnByKey, -1);
        var ipAsnOrgByKey = new string?[ipNames.Length];
        var ipTypeByKey = new IpType?[ipNames.Length];
        // Ties on seen_at are ordered by the values themselves, so the winner does not depend on ingest order.
        using (var ipInfo = new RawStatement(db, """
            SELECT ip, asn, asn_org, ip_type FROM sessions
            WHERE asn IS NOT NULL OR asn_org IS NOT NULL OR ip_type IS NOT NULL
            ORDER BY ip, seen_at, asn, asn_org, ip_type
            """))
        {
            while (ipInfo.Read())
            {
                var ip = ipInfo.GetInt64(0);
                if (!ipInfo.IsNull(1))
                {
                    ipAsnByKey[ip] = ipInfo.GetInt64(1);
                }

                ipAsnOrgByKey[ip] = ipInfo.GetText(2) ?? ipAsnOrgByKey[ip];
                ipTypeByKey[ip] = (IpType?)ipInfo.GetNullableInt64(3) ?? ipTypeByKey[ip];
            }
        }

        // ---- requests: CSR by account, one scan ----
        var requestCount = CountRequests();
        var offsets = new int[accountCount + 1];
        using (var perAccount = new RawStatement(db, "SELECT account, requests FROM account_stats"))
        {
            while (perAccount.Read())
            {
                offsets[accountDense[perAccount.GetInt64(0)] + 1] = checked((int)perAccount.GetInt64(1));
            }
        }

        // Requests an ingest (running now, or killed) has stored but not yet added to account_stats.
        using (var unsummed = new RawStatement(db, UnsummedRequests))
        {
            while (unsummed.Read())
            {
                offsets[accountDense[unsummed.GetInt64(0)] + 1]++;
            }
        }

        for (var a = 0; a < accountCount; a++)
        {
            offsets[a + 1] += offsets[a];
        }

        if (offsets[accountCount] != requestCount)
        {
            throw new InvalidOperationException($"The store is inconsistent: account_stats counts {offsets[accountCount]} requests, the requests table {requestCount}.");
        }

        var modelNames = LoadDictionary("models");
        var capabilityNames = LoadDictionary("capabilities");
        var fingerprintNames = LoadDictionary("prompt_fingerprints");
        var clientNames = LoadDictionary("clients");
        var modelUsed = new bool[modelNames.Length];
        var capabilityUsed = new bool[capabilityNames.Length];
        var fingerprintUsed = new bool[fingerprintNames.Length];
        var clientUsed = new bool[clientNames.Length];

        var rowId = new long[requestCount];
        var ts = new long[requestCount];
        var model = new int[requestCount];
        var capability = new int[requestCount];
        var fingerprint = new int[requestCount];
        var requestIp = new int[requestCount];
        var client = new int[requestCount];
        var inputTokens = new int[requestCount];
        var outputTokens = new int[requestCount];
        var next = offsets[..accountCount];
        long read = 0;
        // Rows are staged a chunk at a time in table order, then each column is scattered to the rows' slots in
        // its own tight loop. Writing the nine columns of every row straight into its account's slot touched nine
        // cold cache lines per row between SQLite calls, and on time-ordered stores (each row another account)
        // that cost more than the scan itself; a column at a time the writes overlap.
        var chunk = new StagedRequests(StageRows);
        using (var requests = new RawStatement(db, """
            SELECT id, account, ts, model, capability, prompt_fingerprint, ip, client, input_tokens, output_tokens FROM requests
            """))
        {
            while (requests.Read())
            {
                var a = accountDense[requests.GetInt64(1)];
                var p = next[a]++;
                if (p >= offsets[a + 1])
                {
                    throw new InvalidOperationException("The store is inconsistent: account_stats counts fewer requests than the requests table holds.");
                }

                var r = chunk.Count++;
                chunk.Slot[r] = p;
                chunk.RowId[r] = requests.GetInt64(0);
                chunk.Ts[r] = requests.GetInt64(2);
                chunk.Model[r] = (int)requests.GetInt64(3);
                chunk.Capability[r] = (int)requests.GetInt64(4);
                chunk.Fingerprint[r] = (int)requests.GetInt64(5);
                chunk.Ip[r] = (int)requests.GetInt64(6);
                chunk.Client[r] = (int)requests.GetInt64(7);
                // NULL reads as 0: absent token counts add nothing to a sum. Counts beyond int saturate.
                chunk.InputTokens[r] = (int)Math.Min(requests.GetInt64(8), int.MaxValue);
                chunk.OutputTokens[r] = (int)Math.Min(requests.GetInt64(9), int.MaxValue);
                if (chunk.Count == StageRows)
                {
                    Place();
                }

                if (++read % ProgressStride == 0)
                {
                    progress?.Report(read);
                    ct.ThrowIfCancellationRequested();
                }
            }
        }

        Place();

        void Place()
        {
            var slot = chunk.Slot.AsSpan(0, chunk.Count);
            Scatter(slot, chunk.RowId, rowId);
            Scatter(slot, chunk.Ts, ts);
            Scatter(slot, chunk.Model, model);
            Scatter(slot, chunk.Capability, capability);
            Scatter(slot, chunk.Fingerprint, fingerprint);
            Scatter(slot, chunk.Ip, requestIp);
            Scatter(slot, chunk.Client, client);
            Scatter(slot, chunk.InputTokens, inputTokens);
            Scatter(slot, chunk.OutputTokens, outputTokens);
            MarkUsed(chunk.Model, chunk.Count, modelUsed);
            MarkUsed(chunk.Capability, chunk.Count, capabilityUsed);
            MarkUsed(chunk.Fingerprint, chunk.Count, fingerprintUsed);
            MarkUsed(chunk.Ip, chunk.Count, ipUsed);
            MarkUsed(chunk.Client, chunk.Count, clientUsed);
            chunk.Count = 0;
        }

        progress?.Report(read);
        SortWithinAccounts(offsets, rowId, ts, [model, capability, fingerprint, requestIp, client, inputTokens, outputTokens]);

        // ---- releases and indicators ----
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

        // ---- dense string tables, then remap the id columns to them ----
        var (models, modelDense) = Rank(modelNames, modelUsed, releases.ConvertAll(r => r.Model));
        var (capabilities, capabilityDense) = Rank(capabilityNames, capabilityUsed);
        var (fingerprints, fingerprintDense) = Rank(fingerprintNames, fingerprintUsed);
        var (ips, ipDense) = Rank(ipNames, ipUsed);
        var (clients, clientDense) = Rank(clientNames, clientUsed);
        Remap(model, modelDense);
        Remap(capability, capabilityDense);
        Remap(fingerprint, fingerprintDense);
        Remap(requestIp, ipDense);
        Remap(client, clientDense);

        var ipAsn = new long[ips.Length];
        var ipAsnOrg = new string?[ips.Length];
        var ipKind = new IpType?[ips.Length];
        for (var key = 1; key < ipNames.Length; key++)
        {
            var dense = ipDense[key];
            if (dense >= 0)
            {
                ipAsn[dense] = ipAsnByKey[key];
                ipAsnOrg[dense] = ipAsnOrgByKey[key];
                ipKind[dense] = ipTypeByKey[key];
            }
        }

        var sessionOrder = Order(sessionAccount.Count, (x, y) =>
        {
            var byAccount = sessionAccount[x].CompareTo(sessionAccount[y]);
            return byAccount != 0 ? byAccount : ipDense[sessionIpKey[x]].CompareTo(ipDense[sessionIpKey[y]]);
        });

        return new DetectionSnapshot
        {
            InputHash = SqliteInputHash.Compute(db),
            AccountIds = accountIds,
            Instruments = instruments,
            Ips = ips,
            Models = models,
            Capabilities = capabilities,
            PromptFingerprints = fingerprints,
            Clients = clients,
            EmailDomains = emailDomains,
            EmailHashes = emailHashes,
            OrgNames = orgNames,
            AccountCreatedAtMs = createdAt,
            AccountPathway = pathway,
            AccountEmailDomain = accountEmailDomain,
            AccountEmailHash = accountEmailHash,
            AccountOrgName = accountOrgName,
            AccountCountry = country,
            AccountStatus = status,
            PaymentAccount = Gather(paymentOrder, i => paymentAccount[i]),
            PaymentInstrument = Gather(paymentOrder, i => paymentInstrument[i]),
            PaymentKind = Gather(paymentOrder, i => paymentKind[i]),
            PaymentBin = Gather(paymentOrder, i => paymentBin[i]),
            PaymentFirstSeenMs = Gather(paymentOrder, i => paymentFirstSeen[i]),
            IpAsn = ipAsn,
            IpAsnOrg = ipAsnOrg,
            IpKind = ipKind,
            SessionAccount = Gather(sessionOrder, i => sessionAccount[i]),
            SessionIp = Gather(sessionOrder, i => ipDense[sessionIpKey[i]]),
            SessionCount = Gather(sessionOrder, i => sessionCount[i]),
            SessionFirstSeenMs = Gather(sessionOrder, i => sessionFirst[i]),
            SessionLastSeenMs = Gather(sessionOrder, i => sessionLast[i]),
            RequestOffsets = offsets,
            RequestRowId = rowId,
            RequestTsMs = ts,
            RequestModel = model,
            RequestCapability = capability,
            RequestPromptFingerprint = fingerprint,
            RequestIp = requestIp,
            RequestClient = client,
            RequestInputTokens = inputTokens,
            RequestOutputTokens = outputTokens,
            Releases = [.. releases],
            Indicators = [.. indicators],
        };
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

    /// <summary>A dictionary table as an array indexed by row id (index 0, "absent", stays null).</summary>
    private string?[] LoadDictionary(string table)
    {
        using var max = new RawStatement(db, $"SELECT coalesce(max(id), 0) FROM {table}");
        max.Read();
        var names = new string?[max.GetInt64(0) + 1];
        max.Reset();
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
    /// </summary>
    private static (string[] Names, int[] Dense) Rank(string?[] names, bool[] used, IReadOnlyList<string>? extra = null)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var id = 1; id < names.Length; id++)
        {
            if (used[id] && names[id] is { } name)
            {
                distinct.Add(name);
            }
        }

        if (extra is not null)
        {
            distinct.UnionWith(extra);
        }

        var sorted = distinct.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var rank = new Dictionary<string, int>(sorted.Length, StringComparer.Ordinal);
        for (var i = 0; i < sorted.Length; i++)
        {
            rank[sorted[i]] = i;
        }

        var dense = new int[names.Length];
        for (var id = 0; id < names.Length; id++)
        {
            dense[id] = id > 0 && used[id] && names[id] is { } name ? rank[name] : -1;
        }

        return (sorted, dense);
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

    private static T[] Gather<T>(int[] order, Func<int, T> value)
    {
        var result = new T[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            result[i] = value(order[i]);
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

    /// <summary>One chunk of request rows in table order, with the slot each goes to (see <see cref="Read"/>).</summary>
    private sealed class StagedRequests(int capacity)
    {
        public int Count;
        public readonly int[] Slot = new int[capacity];
        public readonly long[] RowId = new long[capacity];
        public readonly long[] Ts = new long[capacity];
        public readonly int[] Model = new int[capacity];
        public readonly int[] Capability = new int[capacity];
        public readonly int[] Fingerprint = new int[capacity];
        public readonly int[] Ip = new int[capacity];
        public readonly int[] Client = new int[capacity];
        public readonly int[] InputTokens = new int[capacity];
        public readonly int[] OutputTokens = new int[capacity];
    }

    private static void SortWithinAccounts(int[] offsets, long[] rowId, long[] ts, int[][] columns)
    {
        for (var a = 0; a + 1 < offsets.Length; a++)
        {
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
