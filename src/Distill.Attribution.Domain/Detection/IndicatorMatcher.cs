using System.Globalization;
using System.Net;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Matches operator indicators of every contract kind against a cluster's accounts, payments, IPs
/// (sessions and requests; ip, cidr for IPv4 and IPv6, asn), clients and templates, and decides the
/// attribution. Each string table is matched once per snapshot, so a cluster costs only a walk over its members.
/// </summary>
/// <remarks>
/// What one indicator can claim is capped. An indicator that reaches more than half of all accounts (and
/// more than <see cref="BroadMinAccounts"/>), or a CIDR block shorter than /16 (IPv4) or /32 (IPv6), names
/// whole networks of innocent users rather than an operator: its confidence counts at most
/// <see cref="BroadMaxConfidence"/> and it never corroborates, so it cannot attribute a cluster, alone or
/// with another broad indicator (one row <c>cidr 0.0.0.0/0</c> at confidence 1.0 would otherwise take every
/// flagged cluster). An ASN names a whole network too: its confidence counts at most
/// <see cref="AsnMaxConfidence"/>, below the confidence at which one indicator may attribute alone.
/// Ingest refuses such rows already; these caps also hold for stores filled before that or by other means.
/// </remarks>
internal sealed class IndicatorMatcher
{
    /// <summary>The confidence an over-broad indicator counts for at most.</summary>
    internal const double BroadMaxConfidence = 0.25;

    /// <summary>An indicator reaching at most this many accounts is never broad by reach (small data sets).</summary>
    internal const int BroadMinAccounts = 20;

    /// <summary>The share of all accounts above which an indicator is broad by reach.</summary>
    internal const double BroadAccountShare = 0.5;

    /// <summary>The shortest CIDR prefixes that are not broad by size.</summary>
    internal const int MinCidrPrefixV4 = 16;

    internal const int MinCidrPrefixV6 = 32;

    /// <summary>The confidence an ASN indicator counts for at most.</summary>
    internal const double AsnMaxConfidence = 0.49;

    private readonly AccountIndex _index;
    private readonly DetectionParameters _p;
    private readonly IndicatorRecord[] _indicators;
    private readonly int[]?[] _accountHits;
    private readonly int[]?[] _domainHits;
    private readonly int[]?[] _hashHits;
    private readonly int[]?[] _orgHits;
    private readonly int[]?[] _instrumentHits;
    private readonly int[]?[] _ipHits;
    private readonly int[]?[] _clientHits;
    private readonly int[]?[] _promptHits;
    private readonly int[] _mark;
    private readonly bool[] _broad;

    public IndicatorMatcher(AccountIndex index, DetectionParameters parameters)
    {
        _index = index;
        _p = parameters;
        var s = index.Snapshot;
        _indicators = s.Indicators;
        _mark = new int[_indicators.Length];
        Array.Fill(_mark, -1);
        _accountHits = Hits(s.AccountIds, IndicatorKind.AccountId, Exact);
        _domainHits = Hits(s.EmailDomains, IndicatorKind.EmailDomain, Folded);
        _hashHits = Hits(s.EmailHashes, IndicatorKind.EmailHash, Folded);
        _orgHits = Hits(s.OrgNames, IndicatorKind.OrgName, Folded);
        _instrumentHits = Hits(s.Instruments, IndicatorKind.PaymentFingerprint, Exact);
        _clientHits = Hits(s.Clients, IndicatorKind.Client, Exact);
        _promptHits = Hits(s.PromptFingerprints, IndicatorKind.PromptFingerprint, Exact);
        _ipHits = IpHits(s);
        _broad = BroadIndicators(s);
    }

    /// <summary>A copy of the matcher with its own scratch mark, for another thread: the indicator hits are shared.</summary>
    private IndicatorMatcher(IndicatorMatcher shared)
    {
        _index = shared._index;
        _p = shared._p;
        _indicators = shared._indicators;
        _mark = new int[_indicators.Length];
        Array.Fill(_mark, -1);
        _accountHits = shared._accountHits;
        _domainHits = shared._domainHits;
        _hashHits = shared._hashHits;
        _orgHits = shared._orgHits;
        _instrumentHits = shared._instrumentHits;
        _clientHits = shared._clientHits;
        _promptHits = shared._promptHits;
        _ipHits = shared._ipHits;
        _broad = shared._broad;
    }

    /// <summary>A matcher that gives the same matches as this one and can run on another thread beside it.</summary>
    public IndicatorMatcher Fork() => new(this);

    public static string KindName(IndicatorKind kind) => ContractNames.Name(kind);

    public (OperatorAttribution? Attribution, Dictionary<int, List<string>> MemberHits) Match(int[] members, DetectionSnapshot s)
    {
        var (matched, hitsOfMember) = MatchAll(members, s);
        var best = Decide(members.Length, matched, s);
        var memberHits = new Dictionary<int, List<string>>();
        if (best is not null)
        {
            foreach (var (member, indicators) in hitsOfMember)
            {
                foreach (var i in indicators)
                {
                    if (string.Equals(_indicators[i].OperatorId, best.OperatorId, StringComparison.Ordinal))
                    {
                        if (!memberHits.TryGetValue(member, out var list))
                        {
                            memberHits[member] = list = [];
                        }

                        list.Add($"{KindName(_indicators[i].Kind)}:{_indicators[i].Value}");
                    }
                }
            }
        }

        return (best, memberHits);
    }

    /// <summary>The operators any of whose indicators reaches a member, however weak or broad (an attribution through shared
    /// infrastructure never overrides what the cluster's own indicators say, D47).</summary>
    public IReadOnlySet<string> OperatorsReaching(int[] members, DetectionSnapshot s)
    {
        var (matched, _) = MatchAll(members, s);
        return matched.Keys.Select(i => _indicators[i].OperatorId).ToHashSet(StringComparer.Ordinal);
    }

    private (Dictionary<int, List<int>> Matched, Dictionary<int, List<int>> HitsOfMember) MatchAll(int[] members, DetectionSnapshot s)
    {
        var matched = new Dictionary<int, List<int>>();
        var hitsOfMember = new Dictionary<int, List<int>>();
        foreach (var a in members)
        {
            Collect(_accountHits[a], a, matched, hitsOfMember);
            Collect(At(_domainHits, s.AccountEmailDomain[a]), a, matched, hitsOfMember);
            Collect(At(_hashHits, s.AccountEmailHash[a]), a, matched, hitsOfMember);
            Collect(At(_orgHits, s.AccountOrgName[a]), a, matched, hitsOfMember);
            for (var k = _index.PaymentOffsets[a]; k < _index.PaymentOffsets[a + 1]; k++)
            {
                Collect(_instrumentHits[s.PaymentInstrument[_index.PaymentRows[k]]], a, matched, hitsOfMember);
            }

            foreach (var ip in _index.IpsOf(a))
            {
                Collect(_ipHits[ip], a, matched, hitsOfMember);
            }

            for (var k = _index.ClientOffsets[a]; k < _index.ClientOffsets[a + 1]; k++)
            {
                Collect(_clientHits[_index.ClientIds[k]], a, matched, hitsOfMember);
            }

            for (var k = _index.PromptOffsets[a]; k < _index.PromptOffsets[a + 1]; k++)
            {
                Collect(_promptHits[_index.PromptIds[k]], a, matched, hitsOfMember);
            }
        }

        // The scratch mark says which member an indicator was last collected for: a later call may see the same member first.
        foreach (var i in matched.Keys)
        {
            _mark[i] = -1;
        }

        return (matched, hitsOfMember);
    }

    private OperatorAttribution? Decide(int size, Dictionary<int, List<int>> matched, DetectionSnapshot s)
    {
        var byOperator = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var i in matched.Keys)
        {
            var op = _indicators[i].OperatorId;
            if (!byOperator.TryGetValue(op, out var list))
            {
                byOperator[op] = list = [];
            }

            list.Add(i);
        }

        OperatorAttribution? best = null;
        var kindCount = Enum.GetValues<IndicatorKind>().Length;
        foreach (var (op, indicators) in byOperator)
        {
            indicators.Sort();
            var kindScore = new double[kindCount];
            var weakKinds = new bool[kindCount];
            var maxConfidence = 0.0;
            string? name = null;
            var reported = new List<MatchedIndicator>();
            var covered = new HashSet<int>();
            var strong = new HashSet<int>();
            var ofKind = new List<(double Confidence, List<int> Members)>?[kindCount];
            foreach (var i in indicators)
            {
                var indicator = _indicators[i];
                var members = matched[i];
                var coverage = Math.Min(1, members.Count / Math.Max(1, _p.AttributionCoverageAtFull * size));
                var factor = _p.AttributionMinCoverageFactor + ((1 - _p.AttributionMinCoverageFactor) * coverage);
                var confidence = Math.Clamp(indicator.Confidence, 0, 1);
                if (_broad[i])
                {
                    confidence = Math.Min(confidence, BroadMaxConfidence);
                }
                else if (indicator.Kind == IndicatorKind.Asn)
                {
                    confidence = Math.Min(confidence, AsnMaxConfidence);
                }
                else if (indicator.Kind == IndicatorKind.Client)
                {
                    // Software anyone can download: weak by nature, whatever its source's confidence.
                    confidence *= Math.Clamp(_p.AttributionClientFactor, 0, 1);
                }

                foreach (var m in members)
                {
                    covered.Add(m);
                    if (confidence >= _p.AttributionMinSingleConfidence)
                    {
                        strong.Add(m);
                    }
                }

                kindScore[(int)indicator.Kind] = Math.Max(kindScore[(int)indicator.Kind], confidence * factor);
                (ofKind[(int)indicator.Kind] ??= []).Add((confidence, members));
                if (members.Count >= _p.AttributionWeakMinMembers && !_broad[i])
                {
                    weakKinds[(int)indicator.Kind] = true;
                }

                maxConfidence = Math.Max(maxConfidence, confidence);
                name ??= indicator.OperatorName;
                var examples = new List<string>();
                for (var m = 0; m < members.Count && m < 5; m++)
                {
                    examples.Add(s.AccountIds[members[m]]);
                }

                reported.Add(new MatchedIndicator(op, KindName(indicator.Kind), indicator.Value, confidence, indicator.Source, members.Count, examples));
            }

            // Indicators of one kind are not independent, but together they reach more members than each alone: eight
            // account ids a trust-and-safety team named are eight members of the cluster. The kind's score is also read
            // for its most confident indicators together, at the least confidence among them, with the members they
            // reach between them.
            for (var k = 0; k < kindCount; k++)
            {
                if (ofKind[k] is { Count: > 1 } list)
                {
                    kindScore[k] = Math.Max(kindScore[k], Together(list, size));
                }
            }

            var miss = 1.0;
            var kinds = 0;
            var weakMiss = 1.0;
            var corroborated = 0;
            for (var k = 0; k < kindCount; k++)
            {
                if (kindScore[k] > 0)
                {
                    kinds++;
                    miss *= 1 - kindScore[k];
                }

                if (weakKinds[k])
                {
                    corroborated++;
                    weakMiss *= 1 - kindScore[k];
                }
            }

            var combined = 1 - miss;
            // Through an indicator of at least the minimum confidence a cluster is attributed on the combined score.
            // Without one, weak indicators attribute only together, as two or more kinds each seen on several
            // members: a weak indicator alone never pulls a cluster to an operator, and neither does one member
            // that happens to match two weak kinds (an innocent harness user on a cloud ASN).
            var eligible = maxConfidence >= _p.AttributionMinSingleConfidence
                ? combined >= _p.AttributionThreshold
                : corroborated >= 2 && 1 - weakMiss >= _p.AttributionThreshold;

            // Coverage: the operator's indicators together must reach a share of the members, or strong indicators must
            // reach several members. One member's match (a public tool's client string, one shared exit) describes
            // that member, not the cluster.
            var memberCoverage = (double)covered.Count / Math.Max(1, size);
            eligible &= memberCoverage >= _p.AttributionMinCoverage || strong.Count >= _p.AttributionMinStrongMembers;
            if (eligible && (best is null || combined > best.Confidence))
            {
                best = new OperatorAttribution(op, name, Math.Round(combined, 4), kinds, reported) { Coverage = Math.Round(memberCoverage, 4) };
            }
        }

        return best;
    }

    /// <summary>The best score of one kind's indicators read together: for each confidence level, the indicators at or
    /// above it, the members they reach between them (coverage as for one indicator), times that level.</summary>
    private double Together(List<(double Confidence, List<int> Members)> list, int size)
    {
        list.Sort((x, y) => y.Confidence.CompareTo(x.Confidence));
        var reached = new HashSet<int>();
        var best = 0.0;
        foreach (var (confidence, members) in list)
        {
            reached.UnionWith(members);
            var coverage = Math.Min(1, reached.Count / Math.Max(1, _p.AttributionCoverageAtFull * size));
            var factor = _p.AttributionMinCoverageFactor + ((1 - _p.AttributionMinCoverageFactor) * coverage);
            best = Math.Max(best, confidence * factor);
        }

        return best;
    }

    private void Collect(int[]? hits, int account, Dictionary<int, List<int>> matched, Dictionary<int, List<int>> hitsOfMember)
    {
        if (hits is null)
        {
            return;
        }

        foreach (var i in hits)
        {
            if (_mark[i] == account)
            {
                continue;
            }

            _mark[i] = account;
            if (!matched.TryGetValue(i, out var list))
            {
                matched[i] = list = [];
            }

            list.Add(account);
            if (!hitsOfMember.TryGetValue(account, out var own))
            {
                hitsOfMember[account] = own = [];
            }

            own.Add(i);
        }
    }

    private static int[]? At(int[]?[] table, int id) => id < 0 ? null : table[id];

    /// <summary>An IPv4 address seen through a dual-stack socket (::ffff:1.2.3.4) is that IPv4 address.</summary>
    private static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>
    /// Which indicators are over-broad: by size (a CIDR block shorter than the minimum prefix) or by reach
    /// (more than half of all accounts). Reach is counted over every account of the snapshot, once.
    /// </summary>
    private bool[] BroadIndicators(DetectionSnapshot s)
    {
        var broad = new bool[_indicators.Length];
        for (var i = 0; i < _indicators.Length; i++)
        {
            if (_indicators[i].Kind == IndicatorKind.Cidr && IPNetwork.TryParse(_indicators[i].Value.Trim(), out var network))
            {
                var v6 = network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
                broad[i] = network.PrefixLength < (v6 ? MinCidrPrefixV6 : MinCidrPrefixV4);
            }
        }

        var reach = new int[_indicators.Length];
        var mark = new int[_indicators.Length];
        Array.Fill(mark, -1);
        void Count(int[]? hits, int account)
        {
            if (hits is null)
            {
                return;
            }

            foreach (var i in hits)
            {
                if (mark[i] != account)
                {
                    mark[i] = account;
                    reach[i]++;
                }
            }
        }

        for (var a = 0; a < s.AccountCount; a++)
        {
            Count(_accountHits[a], a);
            Count(At(_domainHits, s.AccountEmailDomain[a]), a);
            Count(At(_hashHits, s.AccountEmailHash[a]), a);
            Count(At(_orgHits, s.AccountOrgName[a]), a);
            for (var k = _index.PaymentOffsets[a]; k < _index.PaymentOffsets[a + 1]; k++)
            {
                Count(_instrumentHits[s.PaymentInstrument[_index.PaymentRows[k]]], a);
            }

            foreach (var ip in _index.IpsOf(a))
            {
                Count(_ipHits[ip], a);
            }

            for (var k = _index.ClientOffsets[a]; k < _index.ClientOffsets[a + 1]; k++)
            {
                Count(_clientHits[_index.ClientIds[k]], a);
            }

            for (var k = _index.PromptOffsets[a]; k < _index.PromptOffsets[a + 1]; k++)
            {
                Count(_promptHits[_index.PromptIds[k]], a);
            }
        }

        var limit = Math.Max(BroadMinAccounts, BroadAccountShare * s.AccountCount);
        for (var i = 0; i < broad.Length; i++)
        {
            broad[i] |= reach[i] > limit;
        }

        return broad;
    }

    private static string Exact(string value) => value.Trim();

    private static string Folded(string value) => value.Trim().ToUpperInvariant();

    private int[]?[] Hits(string[] table, IndicatorKind kind, Func<string, string> normalise)
    {
        var result = new int[]?[table.Length];
        var wanted = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _indicators.Length; i++)
        {
            if (_indicators[i].Kind == kind)
            {
                var key = normalise(_indicators[i].Value);
                if (!wanted.TryGetValue(key, out var list))
                {
                    wanted[key] = list = [];
                }

                list.Add(i);
            }
        }

        if (wanted.Count == 0)
        {
            return result;
        }

        // Millions of prompt templates: normalised and looked up on every core (the map is only read from here on).
        ParallelRanges.For(table.Length, (from, to) =>
        {
            for (var id = from; id < to; id++)
            {
                if (wanted.TryGetValue(normalise(table[id]), out var list))
                {
                    result[id] = [.. list];
                }
            }
        });

        return result;
    }

    private int[]?[] IpHits(DetectionSnapshot s)
    {
        var result = new int[]?[s.Ips.Length];
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var networks = new List<(IPNetwork Network, int Indicator)>();
        var asns = new Dictionary<long, List<int>>();
        for (var i = 0; i < _indicators.Length; i++)
        {
            var value = _indicators[i].Value.Trim();
            switch (_indicators[i].Kind)
            {
                case IndicatorKind.Ip:
                    var key = IPAddress.TryParse(value, out var address) ? Canonical(address).ToString() : value;
                    if (!exact.TryGetValue(key, out var ipList))
                    {
                        exact[key] = ipList = [];
                    }

                    ipList.Add(i);
                    break;
                case IndicatorKind.Cidr when IPNetwork.TryParse(value, out var network):
                    networks.Add((network, i));
                    break;
                case IndicatorKind.Asn:
                    var digits = value.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? value[2..] : value;
                    if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var asn))
                    {
                        if (!asns.TryGetValue(asn, out var asnList))
                        {
                            asns[asn] = asnList = [];
                        }

                        asnList.Add(i);
                    }

                    break;
                default:
                    break;
            }
        }

        if (exact.Count == 0 && networks.Count == 0 && asns.Count == 0)
        {
            return result;
        }

        var hits = new List<int>();
        for (var ip = 0; ip < s.Ips.Length; ip++)
        {
            hits.Clear();
            var parsed = IPAddress.TryParse(s.Ips[ip], out var address);
            if (parsed)
            {
                address = Canonical(address!);
            }

            if (exact.TryGetValue(parsed ? address!.ToString() : s.Ips[ip], out var list))
            {
                hits.AddRange(list);
            }

            if (parsed)
            {
                foreach (var (network, indicator) in networks)
                {
                    if (network.Contains(address!))
                    {
                        hits.Add(indicator);
                    }
                }
            }

            if (s.IpAsn[ip] >= 0 && asns.TryGetValue(s.IpAsn[ip], out var asnHits))
            {
                hits.AddRange(asnHits);
            }

            if (hits.Count > 0)
            {
                result[ip] = [.. hits];
            }
        }

        return result;
    }
}
