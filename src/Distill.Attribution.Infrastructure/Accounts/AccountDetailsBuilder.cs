using Distill.Attribution.Application.Accounts;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Infrastructure.Accounts;

/// <summary>
/// Collects one account's rows, as any store reads them, into <see cref="AccountDetails"/> by the one set of
/// aggregation and order rules both read models answer by (SQLite's and Neo4j's):
/// <list type="bullet">
/// <item>Payments ordered by first seen, then fingerprint (ordinal).</item>
/// <item>IPs ordered by address (ordinal). Per IP from its sessions: their count, first and last seen, and per
/// field the greatest value any session carries (ASN numerically, organisation ordinally, IP type by enum
/// value; nulls ignored, as SQL's max()). Requests per IP add up; an IP named only by requests has no session
/// fields.</item>
/// <item>Requests by model and by capability ordered by count (descending), then name (ordinal).</item>
/// </list>
/// A store feeds it raw sessions (<see cref="AddSession"/>) or per-IP summaries it aggregated itself
/// (<see cref="AddSessionSummary"/>); both merge by the same rule.
/// </summary>
internal sealed class AccountDetailsBuilder(string id)
{
    private readonly SortedDictionary<string, IpBuilder> _ips = new(StringComparer.Ordinal);

    public string Id { get; } = id;

    /// <summary>Whether any record of the account was seen (an account row, a payment, a session, request statistics).</summary>
    public bool Known { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public string? EmailDomain { get; set; }

    public string? OrgName { get; set; }

    public string? Pathway { get; set; }

    public string? Country { get; set; }

    public string? Status { get; set; }

    public List<AccountPayment> Payments { get; } = [];

    public long Requests { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public DateTimeOffset? First { get; set; }

    public DateTimeOffset? Last { get; set; }

    public List<NamedCount> ByModel { get; } = [];

    public List<NamedCount> ByCapability { get; } = [];

    /// <summary>One session on <paramref name="ip"/>.</summary>
    public void AddSession(string ip, long seenAtMs, long? asn, string? asnOrg, IpType? ipType) =>
        AddSessionSummary(ip, 1, seenAtMs, seenAtMs, asn, asnOrg, ipType);

    /// <summary><paramref name="sessions"/> sessions on <paramref name="ip"/>, already aggregated by the store (count, min, max).</summary>
    public void AddSessionSummary(string ip, int sessions, long firstMs, long lastMs, long? asn, string? asnOrg, IpType? ipType)
    {
        var b = Ip(ip);
        if (b.Sessions == 0)
        {
            b.FirstMs = firstMs;
            b.LastMs = lastMs;
        }

        b.Sessions += sessions;
        b.FirstMs = Math.Min(b.FirstMs, firstMs);
        b.LastMs = Math.Max(b.LastMs, lastMs);
        if (asn is { } a && (b.Asn is null || a > b.Asn))
        {
            b.Asn = a;
        }

        if (asnOrg is not null && (b.AsnOrg is null || string.CompareOrdinal(asnOrg, b.AsnOrg) > 0))
        {
            b.AsnOrg = asnOrg;
        }

        if (ipType is { } t && (b.IpType is null || t > b.IpType))
        {
            b.IpType = t;
        }
    }

    /// <summary>Requests the account made from <paramref name="ip"/>.</summary>
    public void AddIpRequests(string ip, long requests) => Ip(ip).Requests += requests;

    public AccountDetails Build()
    {
        Payments.Sort(static (x, y) =>
        {
            var byTime = x.FirstSeen.CompareTo(y.FirstSeen);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.Fingerprint, y.Fingerprint);
        });
        ByModel.Sort(ByCountThenName);
        ByCapability.Sort(ByCountThenName);
        var ipList = new List<AccountIp>(_ips.Count);
        foreach (var (ip, b) in _ips)
        {
            ipList.Add(b.Sessions > 0
                ? new AccountIp(ip, b.Asn, b.AsnOrg, b.IpType is { } t ? ContractNames.Name(t) : null, b.Sessions, b.Requests,
                    DateTimeOffset.FromUnixTimeMilliseconds(b.FirstMs), DateTimeOffset.FromUnixTimeMilliseconds(b.LastMs))
                : new AccountIp(ip, null, null, null, 0, b.Requests, null, null));
        }

        return new AccountDetails(Id, CreatedAt, EmailDomain, OrgName, Pathway, Country, Status, Payments, ipList,
            new AccountRequestStats(Requests, InputTokens, OutputTokens, First, Last, ByModel, ByCapability));
    }

    private IpBuilder Ip(string ip)
    {
        if (!_ips.TryGetValue(ip, out var b))
        {
            b = new IpBuilder();
            _ips[ip] = b;
        }

        return b;
    }

    private static int ByCountThenName(NamedCount x, NamedCount y)
    {
        var byCount = y.Count.CompareTo(x.Count);
        return byCount != 0 ? byCount : string.CompareOrdinal(x.Name, y.Name);
    }

    private sealed class IpBuilder
    {
        public int Sessions { get; set; }

        public long Requests { get; set; }

        public long FirstMs { get; set; }

        public long LastMs { get; set; }

        public long? Asn { get; set; }

        public string? AsnOrg { get; set; }

        public IpType? IpType { get; set; }
    }
}
