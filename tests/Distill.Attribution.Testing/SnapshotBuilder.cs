using System.Security.Cryptography;
using System.Text;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Testing;

/// <summary>
/// Builds a <see cref="DetectionSnapshot"/> by hand, the way a store would: string tables with dense ids,
/// sessions aggregated per (account, ip), requests sorted by (account, ts) in CSR form. Accounts named by
/// another record are created on the fly (self-serve, created at <see cref="T0"/>).
/// </summary>
public sealed class SnapshotBuilder
{
    /// <summary>The default time origin of hand-built data.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, AccountRow> _accounts = new(StringComparer.Ordinal);
    private readonly List<(string Account, string Instrument, PaymentKind? Kind, DateTimeOffset FirstSeen)> _payments = [];
    private readonly List<(string Account, string Ip, int Count, DateTimeOffset First, DateTimeOffset Last, long Asn, IpType? Type)> _sessions = [];
    private readonly List<RequestRow> _requests = [];
    private readonly List<ReleaseRecord> _releases = [];
    private readonly List<IndicatorRecord> _indicators = [];

    public int RequestCount => _requests.Count;

    public SnapshotBuilder Account(string id, AccessPathway pathway = AccessPathway.SelfServe, DateTimeOffset? created = null,
        string? emailDomain = null, string? org = null, string? emailHash = null, string? displayName = null)
    {
        _accounts[id] = new AccountRow(created ?? T0, pathway, emailDomain, emailHash, org, displayName);
        return this;
    }

    public SnapshotBuilder Payment(string account, string instrument, DateTimeOffset? firstSeen = null, PaymentKind? kind = PaymentKind.Card)
    {
        Ensure(account);
        _payments.Add((account, instrument, kind, firstSeen ?? T0));
        return this;
    }

    public SnapshotBuilder Session(string account, string ip, int count = 1, DateTimeOffset? first = null, long asn = -1, IpType? type = null)
    {
        Ensure(account);
        var at = first ?? T0;
        _sessions.Add((account, ip, count, at, at.AddHours(count), asn, type));
        return this;
    }

    public SnapshotBuilder Request(string account, DateTimeOffset ts, string model = "m-1", string? capability = "chat",
        string? prompt = null, string? ip = null, string? client = null)
    {
        Ensure(account);
        _requests.Add(new RequestRow(account, ts.ToUnixTimeMilliseconds(), model, capability, prompt, ip, client));
        return this;
    }

    public SnapshotBuilder Release(string model, DateTimeOffset at)
    {
        _releases.Add(new ReleaseRecord(model, at));
        return this;
    }

    public SnapshotBuilder Indicator(string operatorId, IndicatorKind kind, string value, double confidence = 0.5, string? name = null)
    {
        _indicators.Add(new IndicatorRecord(operatorId, name, kind, value, confidence, "test"));
        return this;
    }

    public DetectionSnapshot Build()
    {
        var accountIds = _accounts.Keys.Order(StringComparer.Ordinal).ToArray();
        var accountOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < accountIds.Length; i++)
        {
            accountOf[accountIds[i]] = i;
        }

        var instruments = new Table();
        var ips = new Table();
        var models = new Table();
        var capabilities = new Table();
        var prompts = new Table();
        var clients = new Table();
        var domains = new Table();
        var hashes = new Table();
        var orgs = new Table();
        var names = new Table();
        var n = accountIds.Length;
        var rows = accountIds.Select(a => _accounts[a]).ToArray();

        var sessions = _sessions
            .GroupBy(s => (s.Account, s.Ip))
            .OrderBy(g => accountOf[g.Key.Account]).ThenBy(g => g.Key.Ip, StringComparer.Ordinal)
            .Select(g => (Account: accountOf[g.Key.Account], Ip: ips.Id(g.Key.Ip), Count: g.Sum(x => x.Count),
                First: g.Min(x => x.First), Last: g.Max(x => x.Last)))
            .ToArray();
        var ipAsn = new Dictionary<string, long>(StringComparer.Ordinal);
        var ipType = new Dictionary<string, IpType?>(StringComparer.Ordinal);
        foreach (var s in _sessions)
        {
            ipAsn[s.Ip] = s.Asn;
            ipType[s.Ip] = s.Type;
        }

        var requests = _requests
            .Select((r, i) => (Row: r, RowId: (long)i + 1))
            .OrderBy(x => accountOf[x.Row.Account]).ThenBy(x => x.Row.TsMs).ThenBy(x => x.RowId)
            .ToArray();
        var offsets = new int[n + 1];
        foreach (var r in requests)
        {
            offsets[accountOf[r.Row.Account] + 1]++;
        }

        for (var i = 0; i < n; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var requestIp = requests.Select(r => ips.IdOrAbsent(r.Row.Ip)).ToArray();
        var snapshot = new DetectionSnapshot
        {
            InputHash = "",
            AccountIds = accountIds,
            AccountCreatedAtMs = rows.Select(r => r.Created.ToUnixTimeMilliseconds()).ToArray(),
            AccountPathway = rows.Select(r => r.Pathway).ToArray(),
            AccountEmailDomain = rows.Select(r => domains.IdOrAbsent(r.EmailDomain)).ToArray(),
            AccountEmailHash = rows.Select(r => hashes.IdOrAbsent(r.EmailHash)).ToArray(),
            AccountOrgName = rows.Select(r => orgs.IdOrAbsent(r.Org)).ToArray(),
            AccountDisplayName = rows.Select(r => names.IdOrAbsent(r.DisplayName)).ToArray(),
            AccountCountry = new string?[n],
            AccountStatus = new AccountStatus?[n],
            PaymentAccount = _payments.Select(p => accountOf[p.Account]).ToArray(),
            PaymentInstrument = _payments.Select(p => instruments.Id(p.Instrument)).ToArray(),
            PaymentKind = _payments.Select(p => p.Kind).ToArray(),
            PaymentBin = new string?[_payments.Count],
            PaymentFirstSeenMs = _payments.Select(p => p.FirstSeen.ToUnixTimeMilliseconds()).ToArray(),
            SessionAccount = sessions.Select(s => s.Account).ToArray(),
            SessionIp = sessions.Select(s => s.Ip).ToArray(),
            SessionCount = sessions.Select(s => s.Count).ToArray(),
            SessionFirstSeenMs = sessions.Select(s => s.First.ToUnixTimeMilliseconds()).ToArray(),
            SessionLastSeenMs = sessions.Select(s => s.Last.ToUnixTimeMilliseconds()).ToArray(),
            RequestOffsets = offsets,
            RequestRowId = requests.Select(r => r.RowId).ToArray(),
            RequestTsMs = requests.Select(r => r.Row.TsMs).ToArray(),
            RequestModel = requests.Select(r => models.Id(r.Row.Model)).ToArray(),
            RequestCapability = requests.Select(r => capabilities.IdOrAbsent(r.Row.Capability)).ToArray(),
            RequestPromptFingerprint = requests.Select(r => prompts.IdOrAbsent(r.Row.Prompt)).ToArray(),
            RequestIp = requestIp,
            RequestClient = requests.Select(r => clients.IdOrAbsent(r.Row.Client)).ToArray(),
            Releases = [.. _releases],
            Indicators = [.. _indicators],
            Instruments = instruments.Values,
            Ips = ips.Values,
            Models = models.Values,
            Capabilities = capabilities.Values,
            PromptFingerprints = prompts.Values,
            Clients = clients.Values,
            EmailDomains = domains.Values,
            EmailHashes = hashes.Values,
            OrgNames = orgs.Values,
            DisplayNames = names.Values,
            IpAsn = ips.Values.Select(ip => ipAsn.GetValueOrDefault(ip, -1)).ToArray(),
            IpAsnOrg = new string?[ips.Values.Length],
            IpKind = ips.Values.Select(ip => ipType.GetValueOrDefault(ip)).ToArray(),
        };
        return new DetectionSnapshot
        {
            InputHash = InputHash(snapshot),
            AccountIds = snapshot.AccountIds,
            AccountCreatedAtMs = snapshot.AccountCreatedAtMs,
            AccountPathway = snapshot.AccountPathway,
            AccountEmailDomain = snapshot.AccountEmailDomain,
            AccountEmailHash = snapshot.AccountEmailHash,
            AccountOrgName = snapshot.AccountOrgName,
            AccountDisplayName = snapshot.AccountDisplayName,
            AccountCountry = snapshot.AccountCountry,
            AccountStatus = snapshot.AccountStatus,
            PaymentAccount = snapshot.PaymentAccount,
            PaymentInstrument = snapshot.PaymentInstrument,
            PaymentKind = snapshot.PaymentKind,
            PaymentBin = snapshot.PaymentBin,
            PaymentFirstSeenMs = snapshot.PaymentFirstSeenMs,
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
            Releases = snapshot.Releases,
            Indicators = snapshot.Indicators,
            Instruments = snapshot.Instruments,
            Ips = snapshot.Ips,
            Models = snapshot.Models,
            Capabilities = snapshot.Capabilities,
            PromptFingerprints = snapshot.PromptFingerprints,
            Clients = snapshot.Clients,
            EmailDomains = snapshot.EmailDomains,
            EmailHashes = snapshot.EmailHashes,
            OrgNames = snapshot.OrgNames,
            DisplayNames = snapshot.DisplayNames,
            IpAsn = snapshot.IpAsn,
            IpAsnOrg = snapshot.IpAsnOrg,
            IpKind = snapshot.IpKind,
        };
    }

    private void Ensure(string account)
    {
        if (!_accounts.ContainsKey(account))
        {
            _accounts[account] = new AccountRow(T0, AccessPathway.SelfServe, null, null, null, null);
        }
    }

    private static string InputHash(DetectionSnapshot s)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', s.AccountIds).Append('|').AppendJoin(',', s.RequestTsMs).Append('|')
            .AppendJoin(',', s.PaymentInstrument).Append('|').AppendJoin(',', s.SessionIp).Append('|')
            .AppendJoin(',', s.RequestPromptFingerprint).Append('|').AppendJoin(',', s.Indicators.Select(i => i.Value));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private sealed record AccountRow(DateTimeOffset Created, AccessPathway Pathway, string? EmailDomain, string? EmailHash, string? Org, string? DisplayName);

    private sealed record RequestRow(string Account, long TsMs, string Model, string? Capability, string? Prompt, string? Ip, string? Client);

    private sealed class Table
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<string> _values = [];

        public string[] Values => [.. _values];

        public int Id(string value)
        {
            if (!_ids.TryGetValue(value, out var id))
            {
                _ids[value] = id = _values.Count;
                _values.Add(value);
            }

            return id;
        }

        public int IdOrAbsent(string? value) => value is null ? -1 : Id(value);
    }
}
