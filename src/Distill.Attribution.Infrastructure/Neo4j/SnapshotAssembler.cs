using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Infrastructure.Neo4j;

/// <summary>
/// Builds a <see cref="DetectionSnapshot"/> in the canonical form that every store must produce from the
/// same input, whatever order its rows arrive in. The rules (the SQLite store follows the same ones):
/// <list type="bullet">
/// <item>Every string table (account ids, instruments, IPs, models, capabilities, prompt fingerprints,
/// clients, email domains, email hashes, organisation names) holds the distinct values sorted in ordinal
/// (UTF-16 code unit) order; a dense id is the index in that table; -1 means absent.</item>
/// <item>Accounts are the union of account ids named by any record (accounts, payments, sessions,
/// requests). An id without its own accounts row gets CreatedAtMs 0, pathway <c>Other</c> and every
/// other attribute absent.</item>
/// <item>Payments: one entry per (account, instrument), sorted by (account id, instrument id).</item>
/// <item>Sessions: aggregated per (account, IP) (count, first and last seen_at), sorted by (account id, IP id).</item>
/// <item>IP info (asn, asn_org, ip_type) comes from sessions: each field from the most recent session that
/// carries it (greatest seen_at, ties to the smallest account id); -1 / null when no session does. IPs
/// named only by requests are in the table with no info.</item>
/// <item>Requests: sorted by (account id, ts, request_id in ordinal order); absent token counts are -1
/// and counts above int.MaxValue are clamped. <c>RequestRowId</c> is the store's own key and differs
/// between stores.</item>
/// <item>Releases sorted by (model, released_at); indicators by (operator_id, kind's contract name, value).</item>
/// <item>Timestamps are Unix milliseconds (UTC).</item>
/// <item><c>InputHash</c>: SHA-256 (hex, lower case) over every column above in this order except
/// <c>RequestRowId</c>, so the same input gives the same hash in every store (see <see cref="Hash"/>).</item>
/// </list>
/// Use: <see cref="AddAccount"/> for every account first (any order), then <see cref="SealAccounts"/>;
/// then payments, sessions, IPs, releases and indicators in any order, and requests in pages of whole
/// accounts in ascending account order (<see cref="AddRequestPage"/>); then <see cref="Build"/>.
/// </summary>
internal sealed class SnapshotAssembler
{
    private readonly List<AccountRow> accounts = [];
    private Dictionary<string, int>? accountIndex;
    private string[] accountIds = [];

    private readonly StringTable emailDomains = new();
    private readonly StringTable emailHashes = new();
    private readonly StringTable orgNames = new();
    private readonly StringTable instruments = new();
    private readonly StringTable ips = new();
    private readonly StringTable models = new();
    private readonly StringTable capabilities = new();
    private readonly StringTable promptFingerprints = new();
    private readonly StringTable clients = new();

    private readonly List<PaymentRow> payments = [];
    private readonly List<SessionRow> sessions = [];
    private readonly Dictionary<int, IpInfo> ipInfo = [];
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
    private int[] reqInput = [];
    private int[] reqOutput = [];

    /// <summary>An account; <paramref name="createdAtMs"/> null marks an id known only from other records.</summary>
    public void AddAccount(string accountId, long? createdAtMs, AccessPathway? pathway, string? emailDomain, string? emailHash, string? orgName, string? country, AccountStatus? status)
    {
        if (accountIndex is not null)
        {
            throw new InvalidOperationException("Accounts are sealed.");
        }

        accounts.Add(new AccountRow(accountId, createdAtMs ?? 0, createdAtMs is null ? AccessPathway.Other : pathway ?? AccessPathway.Other, emailDomain, emailHash, orgName, country, status));
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

    public void AddPayment(string accountId, string instrument, PaymentKind? kind, string? bin, long firstSeenMs) =>
        payments.Add(new PaymentRow(AccountId(accountId), instruments.Intern(instrument), kind, bin, firstSeenMs));

    public void AddSession(string accountId, string ip, int count, long firstSeenMs, long lastSeenMs) =>
        sessions.Add(new SessionRow(AccountId(accountId), ips.Intern(ip), count, firstSeenMs, lastSeenMs));

    public void AddIpInfo(string ip, long? asn, string? asnOrg, IpType? kind) =>
        ipInfo[ips.Intern(ip)] = new IpInfo(asn ?? -1, asnOrg, kind);

    public void AddRelease(ReleaseRecord release) => releases.Add(release);

    public void AddIndicator(IndicatorRecord indicator) => indicators.Add(indicator);

    /// <summary>
    /// Appends the requests of whole accounts. Pages come in ascending account order; within a page the
    /// rows may come in any order and are sorted here by (account, ts, request id).
    /// </summary>
    public void AddRequestPage(IReadOnlyList<RequestRow> page)
    {
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
            reqInput[n] = Tokens(r.InputTokens);
            reqOutput[n] = Tokens(r.OutputTokens);
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
            country[i] = a.Country;
            status[i] = a.Status;
        }

        StringTable.Remap(emailDomain, emailDomains.Finish(out var domainTable));
        StringTable.Remap(emailHash, emailHashes.Finish(out var hashTable));
        StringTable.Remap(orgName, orgNames.Finish(out var orgTable));

        // Payments.
        var instrumentMap = instruments.Finish(out var instrumentTable);
        var paymentRows = payments.ToArray();
        for (var i = 0; i < paymentRows.Length; i++)
        {
            paymentRows[i] = paymentRows[i] with { Instrument = instrumentMap[paymentRows[i].Instrument] };
        }

        Array.Sort(paymentRows, static (x, y) => x.Account != y.Account ? x.Account.CompareTo(y.Account) : x.Instrument.CompareTo(y.Instrument));

        // IPs: sessions, IP info and requests share one table.
        var ipMap = ips.Finish(out var ipTable);
        var sessionRows = sessions.ToArray();
        for (var i = 0; i < sessionRows.Length; i++)
        {
            sessionRows[i] = sessionRows[i] with { Ip = ipMap[sessionRows[i].Ip] };
        }

        Array.Sort(sessionRows, static (x, y) => x.Account != y.Account ? x.Account.CompareTo(y.Account) : x.Ip.CompareTo(y.Ip));
        var ipAsn = new long[ipTable.Length];
        var ipAsnOrg = new string?[ipTable.Length];
        var ipKind = new IpType?[ipTable.Length];
        Array.Fill(ipAsn, -1);
        foreach (var (provisional, info) in ipInfo)
        {
            var id = ipMap[provisional];
            ipAsn[id] = info.Asn;
            ipAsnOrg[id] = info.AsnOrg;
            ipKind[id] = info.Kind;
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
        Array.Sort(releaseRows, static (x, y) =>
        {
            var c = string.CompareOrdinal(x.Model, y.Model);
            return c != 0 ? c : x.ReleasedAt.CompareTo(y.ReleasedAt);
        });
        var indicatorRows = indicators.ToArray();
        Array.Sort(indicatorRows, static (x, y) =>
        {
            var c = string.CompareOrdinal(x.OperatorId, y.OperatorId);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(ContractNames.Name(x.Kind), ContractNames.Name(y.Kind));
            return c != 0 ? c : string.CompareOrdinal(x.Value, y.Value);
        });

        var snapshot = new DetectionSnapshot
        {
            InputHash = string.Empty,
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
            AccountCreatedAtMs = createdAt,
            AccountPathway = pathway,
            AccountEmailDomain = emailDomain,
            AccountEmailHash = emailHash,
            AccountOrgName = orgName,
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
            SessionAccount = Column(sessionRows, static s => s.Account),
            SessionIp = Column(sessionRows, static s => s.Ip),
            SessionCount = Column(sessionRows, static s => s.Count),
            SessionFirstSeenMs = Column(sessionRows, static s => s.FirstSeenMs),
            SessionLastSeenMs = Column(sessionRows, static s => s.LastSeenMs),
            RequestOffsets = offsets,
            RequestRowId = reqRowId[..n],
            RequestTsMs = reqTs[..n],
            RequestModel = reqModel[..n],
            RequestCapability = reqCapability[..n],
            RequestPromptFingerprint = reqPrompt[..n],
            RequestIp = reqIp[..n],
            RequestClient = reqClient[..n],
            RequestInputTokens = reqInput[..n],
            RequestOutputTokens = reqOutput[..n],
            Releases = releaseRows,
            Indicators = indicatorRows,
        };

        var hash = Hash(snapshot);
        return new DetectionSnapshot
        {
            InputHash = hash,
            AccountIds = snapshot.AccountIds,
            Instruments = snapshot.Instruments,
            Ips = snapshot.Ips,
            Models = snapshot.Models,
            Capabilities = snapshot.Capabilities,
            PromptFingerprints = snapshot.PromptFingerprints,
            Clients = snapshot.Clients,
            EmailDomains = snapshot.EmailDomains,
            EmailHashes = snapshot.EmailHashes,
            OrgNames = snapshot.OrgNames,
            AccountCreatedAtMs = snapshot.AccountCreatedAtMs,
            AccountPathway = snapshot.AccountPathway,
            AccountEmailDomain = snapshot.AccountEmailDomain,
            AccountEmailHash = snapshot.AccountEmailHash,
            AccountOrgName = snapshot.AccountOrgName,
            AccountCountry = snapshot.AccountCountry,
            AccountStatus = snapshot.AccountStatus,
            PaymentAccount = snapshot.PaymentAccount,
            PaymentInstrument = snapshot.PaymentInstrument,
            PaymentKind = snapshot.PaymentKind,
            PaymentBin = snapshot.PaymentBin,
            PaymentFirstSeenMs = snapshot.PaymentFirstSeenMs,
            IpAsn = snapshot.IpAsn,
            IpAsnOrg = snapshot.IpAsnOrg,
            IpKind = snapshot.IpKind,
            SessionAccount = snapshot.SessionAccount,
            SessionIp = snapshot.SessionIp,
            SessionCount = snapshot.SessionCount,
            SessionFirstSeenMs = snapshot.SessionFirstSeenMs,
            SessionLastSeenMs = snapshot.SessionLastSeenMs,
            RequestOffsets = snapshot.RequestOffsets,
            RequestRowId = snapshot.RequestRowId,
            RequestTsMs = snapshot.RequestTsMs,
            RequestModel = snapshot.RequestModel,
            RequestCapability = snapshot.RequestCapability,
            RequestPromptFingerprint = snapshot.RequestPromptFingerprint,
            RequestIp = snapshot.RequestIp,
            RequestClient = snapshot.RequestClient,
            RequestInputTokens = snapshot.RequestInputTokens,
            RequestOutputTokens = snapshot.RequestOutputTokens,
            Releases = snapshot.Releases,
            Indicators = snapshot.Indicators,
        };
    }

    /// <summary>
    /// The canonical content hash: every table and column of <paramref name="s"/> in declaration order,
    /// except <c>InputHash</c> and <c>RequestRowId</c>. Integers little-endian (int 4 bytes, long 8), a
    /// string as its UTF-8 byte length (int, -1 for null) then its bytes, an enum as its byte value
    /// (255 for null), a double as its IEEE bits, each array preceded by its length.
    /// </summary>
    public static string Hash(DetectionSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var h = new Hasher(sha);
        foreach (var table in new[] { s.AccountIds, s.Instruments, s.Ips, s.Models, s.Capabilities, s.PromptFingerprints, s.Clients, s.EmailDomains, s.EmailHashes, s.OrgNames })
        {
            h.Strings(table);
        }

        h.Longs(s.AccountCreatedAtMs);
        h.Enums(s.AccountPathway, static p => (byte)p);
        h.Ints(s.AccountEmailDomain);
        h.Ints(s.AccountEmailHash);
        h.Ints(s.AccountOrgName);
        h.Strings(s.AccountCountry);
        h.Enums(s.AccountStatus, static x => x is { } v ? (byte)v : byte.MaxValue);
        h.Ints(s.PaymentAccount);
        h.Ints(s.PaymentInstrument);
        h.Enums(s.PaymentKind, static x => x is { } v ? (byte)v : byte.MaxValue);
        h.Strings(s.PaymentBin);
        h.Longs(s.PaymentFirstSeenMs);
        h.Longs(s.IpAsn);
        h.Strings(s.IpAsnOrg);
        h.Enums(s.IpKind, static x => x is { } v ? (byte)v : byte.MaxValue);
        h.Ints(s.SessionAccount);
        h.Ints(s.SessionIp);
        h.Ints(s.SessionCount);
        h.Longs(s.SessionFirstSeenMs);
        h.Longs(s.SessionLastSeenMs);
        h.Ints(s.RequestOffsets);
        h.Longs(s.RequestTsMs);
        h.Ints(s.RequestModel);
        h.Ints(s.RequestCapability);
        h.Ints(s.RequestPromptFingerprint);
        h.Ints(s.RequestIp);
        h.Ints(s.RequestClient);
        h.Ints(s.RequestInputTokens);
        h.Ints(s.RequestOutputTokens);
        h.Int(s.Releases.Length);
        foreach (var r in s.Releases)
        {
            h.String(r.Model);
            h.Long(r.ReleasedAt.ToUnixTimeMilliseconds());
        }

        h.Int(s.Indicators.Length);
        foreach (var i in s.Indicators)
        {
            h.String(i.OperatorId);
            h.String(i.OperatorName);
            h.Int((int)i.Kind);
            h.String(i.Value);
            h.Long(BitConverter.DoubleToInt64Bits(i.Confidence));
            h.String(i.Source);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private Dictionary<string, int> Accounts =>
        accountIndex ?? throw new InvalidOperationException("Call SealAccounts before adding other records.");

    private static int Tokens(long? value) => value switch
    {
        null => -1,
        > int.MaxValue => int.MaxValue,
        < 0 => -1,
        { } v => (int)v,
    };

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
        Array.Resize(ref reqInput, capacity);
        Array.Resize(ref reqOutput, capacity);
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

    private sealed record AccountRow(string AccountId, long CreatedAtMs, AccessPathway Pathway, string? EmailDomain, string? EmailHash, string? OrgName, string? Country, AccountStatus? Status);

    private readonly record struct PaymentRow(int Account, int Instrument, PaymentKind? Kind, string? Bin, long FirstSeenMs);

    private readonly record struct SessionRow(int Account, int Ip, int Count, long FirstSeenMs, long LastSeenMs);

    private readonly record struct IpInfo(long Asn, string? AsnOrg, IpType? Kind);

    private readonly struct Hasher(IncrementalHash sha)
    {
        public void Int(int value)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, value);
            sha.AppendData(b);
        }

        public void Long(long value)
        {
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(b, value);
            sha.AppendData(b);
        }

        public void String(string? value)
        {
            if (value is null)
            {
                Int(-1);
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(value);
            Int(bytes.Length);
            sha.AppendData(bytes);
        }

        public void Strings(string?[] values)
        {
            Int(values.Length);
            foreach (var v in values)
            {
                String(v);
            }
        }

        public void Ints(int[] values)
        {
            Int(values.Length);
            if (BitConverter.IsLittleEndian)
            {
                sha.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
                return;
            }

            foreach (var v in values)
            {
                Int(v);
            }
        }

        public void Longs(long[] values)
        {
            Int(values.Length);
            if (BitConverter.IsLittleEndian)
            {
                sha.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
                return;
            }

            foreach (var v in values)
            {
                Long(v);
            }
        }

        public void Enums<T>(T[] values, Func<T, byte> toByte)
        {
            Int(values.Length);
            var bytes = new byte[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                bytes[i] = toByte(values[i]);
            }

            sha.AppendData(bytes);
        }
    }
}
