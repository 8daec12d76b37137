using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// Builds a <see cref="DetectionSnapshot"/> in the canonical form that every store must produce from the
/// same contents, whatever order its rows arrive in (the rules of the SQLite store's snapshot reader):
/// <list type="bullet">
/// <item>Every string table (account ids, instruments, IPs, models, capabilities, prompt fingerprints,
/// clients, email domains, email hashes, organisation names) holds the distinct values in use, sorted in
/// ordinal order; a dense id is the index in that table; -1 means absent. Models include every released
/// model, used or not.</item>
/// <item>Accounts are every account id named by any record (accounts, payments, sessions, requests). An
/// id without its own accounts row gets CreatedAtMs <see cref="long.MinValue"/>, pathway <c>Other</c> and
/// every other attribute absent.</item>
/// <item>Payments: one entry per (account, instrument), sorted by (account id, instrument id).</item>
/// <item>Sessions: aggregated per (account, IP) (count, first and last seen_at), sorted by (account id, IP id).</item>
/// <item>IP info (asn, asn_org, ip_type) comes from sessions: per field, the value of the latest session
/// carrying one, sessions ordered by (seen_at, asn, asn_org, ip_type) with nulls first; -1 / null when no
/// session does. IPs named only by requests are in the table with no info.</item>
/// <item>Requests: sorted by (account id, ts, request_id in ordinal order): unlike a store row id, the
/// request id does not depend on ingest order. Absent token counts read as 0; counts above int.MaxValue
/// saturate. <c>RequestRowId</c> is the store's own key and differs between stores.</item>
/// <item>Releases sorted by model (times in whole milliseconds, UTC); indicators by (operator_id, kind's
/// enum value, value).</item>
/// <item>Timestamps are Unix milliseconds (UTC).</item>
/// <item><c>InputHash</c>: see <see cref="StoreContentHash"/> (a hash of the stored rows, not of the columns).</item>
/// </list>
/// Use: <see cref="AddAccount"/> for every account first (any order), then <see cref="SealAccounts"/>;
/// then payments, sessions, releases and indicators in any order, and requests in pages of whole
/// accounts in ascending account order (<see cref="AddRequestPage"/>); then <see cref="Build"/>.
/// </summary>
internal sealed class SnapshotAssembler
{
    /// <summary>Created-at of an account named by other records but without its own row.</summary>
    public const long UnknownCreatedAt = long.MinValue;

    private readonly StoreContentHash hash = new();
    private readonly List<AccountRow> accounts = [];
    private Dictionary<string, int>? accountIndex;
    private string[] accountIds = [];

    private readonly StringTable emailDomains = new();
    private readonly StringTable emailHashes = new();
    private readonly StringTable orgNames = new();
    private readonly StringTable displayNames = new();
    private readonly StringTable instruments = new();
    private readonly StringTable ips = new();
    private readonly StringTable models = new();
    private readonly StringTable capabilities = new();
    private readonly StringTable promptFingerprints = new();
    private readonly StringTable clients = new();

    private readonly List<PaymentRow> payments = [];
    private readonly List<SessionRow> sessions = [];
    private readonly List<ReleaseRecord> releases = [];
    private readonly List<IndicatorRecord> indicators = [];

    private int requestCount;
    private int lastRequestAccount = -1;
    private int[] reqAccount = [];
    private long[] reqRowId = [];
    private long[] reqTs = [];
    private int[] reqModel = [];
    private int[] reqCapability = [];
    private int[] reqPrompt = [];
    private int[] reqIp = [];
    private int[] reqClient = [];

    /// <summary>Requests added so far (what progress reports count).</summary>
    public int RequestCount => requestCount;

    /// <summary>An account; <paramref name="createdAtMs"/> null marks an id known only from other records.</summary>
    public void AddAccount(string accountId, long? createdAtMs, AccessPathway? pathway, string? emailDomain, string? emailHash, string? displayName, string? orgName, string? country, AccountStatus? status)
    {
        if (accountIndex is not null)
        {
            throw new InvalidOperationException("Accounts are sealed.");
        }

        if (createdAtMs is { } created)
        {
            var p = pathway ?? AccessPathway.Other;
            accounts.Add(new AccountRow(accountId, created, p, emailDomain, emailHash, displayName, orgName, country, status));
            hash.Account(accountId, created, emailDomain, emailHash, displayName, orgName, p, country, status);
        }
        else
        {
            accounts.Add(new AccountRow(accountId, UnknownCreatedAt, AccessPathway.Other, null, null, null, null, null, null));
        }
    }

    /// <summary>Sorts the accounts and fixes their dense ids; call after the last <see cref="AddAccount"/>.</summary>
    /// <param name="expectedRequests">Total requests to expect (sizes the request columns once).</param>
    public void SealAccounts(long expectedRequests)
    {
        accounts.Sort((a, b) => string.CompareOrdinal(a.AccountId, b.AccountId));
        accountIds = new string[accounts.Count];
        accountIndex = new Dictionary<string, int>(accounts.Count, StringComparer.Ordinal);
        for (var i = 0; i < accounts.Count; i++)
        {
            accountIds[i] = accounts[i].AccountId;
            if (!accountIndex.TryAdd(accounts[i].AccountId, i))
            {
                throw new InvalidOperationException($"Account '{accounts[i].AccountId}' was added twice.");
            }
        }

        Grow((int)Math.Min(expectedRequests, int.MaxValue));
    }

    public int AccountId(string accountId) =>
        Accounts.TryGetValue(accountId, out var id)
            ? id
            : throw new InvalidOperationException($"A record names account '{accountId}' that the account projection did not return.");

    public void AddPayment(string accountId, string instrument, PaymentKind? kind, string? bin, string? issuerCountry, long firstSeenMs)
    {
        payments.Add(new PaymentRow(AccountId(accountId), instruments.Intern(instrument), kind, bin, firstSeenMs));
        hash.Payment(accountId, instrument, kind, bin, issuerCountry, firstSeenMs);
    }

    /// <summary>One raw session row.</summary>
    public void AddSession(string accountId, string ip, long seenAtMs, long? asn, string? asnOrg, IpType? ipType)
    {
        sessions.Add(new SessionRow(AccountId(accountId), ips.Intern(ip), seenAtMs, asn, asnOrg, ipType));
        hash.Session(accountId, ip, seenAtMs, asn, asnOrg, ipType);
    }

    public void AddRelease(string model, long releasedAtMs)
    {
        releases.Add(new ReleaseRecord(model, DateTimeOffset.FromUnixTimeMilliseconds(releasedAtMs)));
        hash.Release(model, releasedAtMs);
    }

    public void AddIndicator(IndicatorRecord indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        indicators.Add(indicator);
        hash.Indicator(indicator);
    }

    /// <summary>
    /// Appends the requests of whole accounts. Pages come in ascending account order; within a page the
    /// rows may come in any order and are sorted here by (account, ts, request id).
    /// </summary>
    public void AddRequestPage(IReadOnlyList<RequestRow> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Count == 0)
        {
            return;
        }

        var order = new int[page.Count];
        var pageAccounts = new int[page.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            pageAccounts[i] = AccountId(page[i].AccountId);
        }

        Array.Sort(order, (x, y) =>
        {
            var c = pageAccounts[x].CompareTo(pageAccounts[y]);
            if (c != 0)
            {
                return c;
            }

            c = page[x].TsMs.CompareTo(page[y].TsMs);
            return c != 0 ? c : string.CompareOrdinal(page[x].RequestId, page[y].RequestId);
        });

        if (pageAccounts[order[0]] < lastRequestAccount)
        {
            throw new InvalidOperationException("Request pages must come in ascending account order.");
        }

        if (requestCount + page.Count > reqTs.Length)
        {
            Grow(Math.Max(requestCount + page.Count, reqTs.Length * 2));
        }

        foreach (var i in order)
        {
            var r = page[i];
            var n = requestCount++;
            reqAccount[n] = pageAccounts[i];
            reqRowId[n] = r.RowId;
            reqTs[n] = r.TsMs;
            reqModel[n] = models.Intern(r.Model);
            reqCapability[n] = capabilities.Intern(r.Capability);
            reqPrompt[n] = promptFingerprints.Intern(r.PromptFingerprint);
            reqIp[n] = ips.Intern(r.Ip);
            reqClient[n] = clients.Intern(r.Client);
            hash.Request(r.RequestId, r.AccountId, r.TsMs, r.Model, r.Capability, r.PromptFingerprint, r.Ip, r.Client, r.InputTokens, r.OutputTokens);
        }

        lastRequestAccount = pageAccounts[order[^1]];
    }

    public DetectionSnapshot Build()
    {
        var accountCount = Accounts.Count;
        var createdAt = new long[accountCount];
        var pathway = new AccessPathway[accountCount];
        var emailDomain = new int[accountCount];
        var emailHash = new int[accountCount];
        var orgName = new int[accountCount];
        var displayName = new int[accountCount];
        var country = new string?[accountCount];
        var status = new AccountStatus?[accountCount];
        for (var i = 0; i < accountCount; i++)
        {
            var a = accounts[i];
            createdAt[i] = a.CreatedAtMs;
            pathway[i] = a.Pathway;
            emailDomain[i] = emailDomains.Intern(a.EmailDomain);
            emailHash[i] = emailHashes.Intern(a.EmailHash);
            orgName[i] = orgNames.Intern(a.OrgName);
            displayName[i] = displayNames.Intern(a.DisplayName);
            country[i] = a.Country;
            status[i] = a.Status;
        }

        StringTable.Remap(emailDomain, emailDomains.Finish(out var domainTable));
        StringTable.Remap(emailHash, emailHashes.Finish(out var hashTable));
        StringTable.Remap(orgName, orgNames.Finish(out var orgTable));
        StringTable.Remap(displayName, displayNames.Finish(out var displayNameTable));

        // Payments.
        var instrumentMap = instruments.Finish(out var instrumentTable);
        var paymentRows = payments.ToArray();
        for (var i = 0; i < paymentRows.Length; i++)
        {
            paymentRows[i] = paymentRows[i] with { Instrument = instrumentMap[paymentRows[i].Instrument] };
        }

        Array.Sort(paymentRows, static (x, y) => x.Account != y.Account ? x.Account.CompareTo(y.Account) : x.Instrument.CompareTo(y.Instrument));

        // IPs: sessions and requests share one table. Sessions are aggregated per (account, IP).
        var ipMap = ips.Finish(out var ipTable);
        var sessionRows = sessions.ToArray();
        for (var i = 0; i < sessionRows.Length; i++)
        {
            sessionRows[i] = sessionRows[i] with { Ip = ipMap[sessionRows[i].Ip] };
        }

        var (sessionAccount, sessionIp, sessionCount, sessionFirst, sessionLast) = AggregateSessions(sessionRows);
        var (ipAsn, ipAsnOrg, ipKind) = IpInfo(sessionRows, ipTable.Length);

        // Models: used by requests, plus every released model.
        foreach (var release in releases)
        {
            models.Intern(release.Model);
        }

        // Requests: columns are already in final row order; only string ids change.
        var n = requestCount;
        StringTable.Remap(reqModel.AsSpan(0, n), models.Finish(out var modelTable));
        StringTable.Remap(reqCapability.AsSpan(0, n), capabilities.Finish(out var capabilityTable));
        StringTable.Remap(reqPrompt.AsSpan(0, n), promptFingerprints.Finish(out var promptTable));
        StringTable.Remap(reqIp.AsSpan(0, n), ipMap);
        StringTable.Remap(reqClient.AsSpan(0, n), clients.Finish(out var clientTable));
        var offsets = new int[accountCount + 1];
        for (var i = 0; i < n; i++)
        {
            offsets[reqAccount[i] + 1]++;
        }

        for (var a = 0; a < accountCount; a++)
        {
            offsets[a + 1] += offsets[a];
        }

        var releaseRows = releases.ToArray();
        Array.Sort(releaseRows, static (x, y) => string.CompareOrdinal(x.Model, y.Model));
        var indicatorRows = indicators.ToArray();
        Array.Sort(indicatorRows, static (x, y) =>
        {
            var c = string.CompareOrdinal(x.OperatorId, y.OperatorId);
            if (c != 0)
            {
                return c;
            }

            c = x.Kind.CompareTo(y.Kind);
            return c != 0 ? c : string.CompareOrdinal(x.Value, y.Value);
        });

        return new DetectionSnapshot
        {
            InputHash = hash.Finish(),
            AccountIds = accountIds,
            Instruments = instrumentTable,
            Ips = ipTable,
            Models = modelTable,
            Capabilities = capabilityTable,
            PromptFingerprints = promptTable,
            Clients = clientTable,
            EmailDomains = domainTable,
            EmailHashes = hashTable,
            OrgNames = orgTable,
            DisplayNames = displayNameTable,
            AccountCreatedAtMs = createdAt,
            AccountPathway = pathway,
            AccountEmailDomain = emailDomain,
            AccountEmailHash = emailHash,
            AccountOrgName = orgName,
            AccountDisplayName = displayName,
            AccountCountry = country,
            AccountStatus = status,
            PaymentAccount = Column(paymentRows, static p => p.Account),
            PaymentInstrument = Column(paymentRows, static p => p.Instrument),
            PaymentKind = Column(paymentRows, static p => p.Kind),
            PaymentBin = Column(paymentRows, static p => p.Bin),
            PaymentFirstSeenMs = Column(paymentRows, static p => p.FirstSeenMs),
            IpAsn = ipAsn,
            IpAsnOrg = ipAsnOrg,
            IpKind = ipKind,
            SessionAccount = sessionAccount,
            SessionIp = sessionIp,
            SessionCount = sessionCount,
            SessionFirstSeenMs = sessionFirst,
            SessionLastSeenMs = sessionLast,
            RequestOffsets = offsets,
            RequestRowId = reqRowId[..n],
            RequestTsMs = reqTs[..n],
            RequestModel = reqModel[..n],
            RequestCapability = reqCapability[..n],
            RequestPromptFingerprint = reqPrompt[..n],
            RequestIp = reqIp[..n],
            RequestClient = reqClient[..n],
            Releases = releaseRows,
            Indicators = indicatorRows,
        };
    }

    private static (int[] Account, int[] Ip, int[] Count, long[] First, long[] Last) AggregateSessions(SessionRow[] rows)
    {
        var byPair = (SessionRow[])rows.Clone();
        Array.Sort(byPair, static (x, y) => x.Account != y.Account ? x.Account.CompareTo(y.Account) : x.Ip.CompareTo(y.Ip));
        var account = new List<int>();
        var ip = new List<int>();
        var count = new List<int>();
        var first = new List<long>();
        var last = new List<long>();
        foreach (var row in byPair)
        {
            var k = account.Count - 1;
            if (k >= 0 && account[k] == row.Account && ip[k] == row.Ip)
            {
                count[k]++;
                first[k] = Math.Min(first[k], row.SeenAtMs);
                last[k] = Math.Max(last[k], row.SeenAtMs);
            }
            else
            {
                account.Add(row.Account);
                ip.Add(row.Ip);
                count.Add(1);
                first.Add(row.SeenAtMs);
                last.Add(row.SeenAtMs);
            }
        }

        return ([.. account], [.. ip], [.. count], [.. first], [.. last]);
    }

    private static (long[] Asn, string?[] AsnOrg, IpType?[] Kind) IpInfo(SessionRow[] rows, int ipCount)
    {
        var asn = new long[ipCount];
        var asnOrg = new string?[ipCount];
        var kind = new IpType?[ipCount];
        Array.Fill(asn, -1);
        var ordered = (SessionRow[])rows.Clone();
        // Per IP, by (seen_at, asn, asn_org, ip_type) with nulls first: ties on seen_at are broken by the
        // values themselves, so the winner does not depend on ingest order. The last non-null value wins.
        Array.Sort(ordered, static (x, y) =>
        {
            var c = x.Ip.CompareTo(y.Ip);
            if (c == 0)
            {
                c = x.SeenAtMs.CompareTo(y.SeenAtMs);
            }

            if (c == 0)
            {
                c = Nullable.Compare(x.Asn, y.Asn);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.AsnOrg, y.AsnOrg);
            }

            return c != 0 ? c : Nullable.Compare(x.IpType, y.IpType);
        });
        foreach (var row in ordered)
        {
            if (row.Asn is { } a)
            {
                asn[row.Ip] = a;
            }

            asnOrg[row.Ip] = row.AsnOrg ?? asnOrg[row.Ip];
            kind[row.Ip] = row.IpType ?? kind[row.Ip];
        }

        return (asn, asnOrg, kind);
    }

    private Dictionary<string, int> Accounts =>
        accountIndex ?? throw new InvalidOperationException("Call SealAccounts before adding other records.");


    private static TOut[] Column<TRow, TOut>(TRow[] rows, Func<TRow, TOut> select)
    {
        var column = new TOut[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            column[i] = select(rows[i]);
        }

        return column;
    }

    private void Grow(int capacity)
    {
        Array.Resize(ref reqAccount, capacity);
        Array.Resize(ref reqRowId, capacity);
        Array.Resize(ref reqTs, capacity);
        Array.Resize(ref reqModel, capacity);
        Array.Resize(ref reqCapability, capacity);
        Array.Resize(ref reqPrompt, capacity);
        Array.Resize(ref reqIp, capacity);
        Array.Resize(ref reqClient, capacity);
    }

    /// <summary>One request as read from a store.</summary>
    internal readonly record struct RequestRow(
        string AccountId,
        long RowId,
        string RequestId,
        long TsMs,
        string Model,
        string? Capability,
        string? PromptFingerprint,
        string? Ip,
        string? Client,
        long? InputTokens,
        long? OutputTokens);

    private sealed record AccountRow(string AccountId, long CreatedAtMs, AccessPathway Pathway, string? EmailDomain, string? EmailHash, string? DisplayName, string? OrgName, string? Country, AccountStatus? Status);

    private readonly record struct PaymentRow(int Account, int Instrument, PaymentKind? Kind, string? Bin, long FirstSeenMs);

    private readonly record struct SessionRow(int Account, int Ip, long SeenAtMs, long? Asn, string? AsnOrg, IpType? IpType);
}
