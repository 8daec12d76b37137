using System.Globalization;
using Distill.Attribution.Graph.Lockstep;
using SharedRecord = (int Outside, string Subject, int Id, bool Ip);

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Builds the evidence of a cluster: a strongest-path tree over its links (Prim's maximum spanning tree
/// from the member with the largest link weight), each step with its links resolved to the records behind
/// them, and the counter-evidence. Not thread-safe (scratch arrays): another thread uses a <see cref="Fork"/>.
/// </summary>
internal sealed class EvidenceBuilder
{
    private readonly AccountIndex _index;
    private readonly LinkSet _links;
    private readonly LockstepPairs _lockstep;
    private readonly DetectionParameters _p;
    private readonly double[] _pairWeight;
    private readonly List<int> _touched = [];

    private readonly CoUsePairs _coUse;
    private readonly CoUseElements? _elements;
    private readonly ColocationGroups _colocation;
    private (int Group, Dictionary<int, int> Rank)? _colocationRank;

    public EvidenceBuilder(AccountIndex index, LinkSet links, LockstepPairs lockstep, DetectionParameters parameters,
        CoUsePairs? coUse = null, CoUseElements? elements = null, ColocationGroups? colocation = null)
    {
        _coUse = coUse ?? CoUsePairs.Empty;
        _colocation = colocation ?? ColocationGroups.Empty;
        _elements = elements;
        _index = index;
        _links = links;
        _lockstep = lockstep;
        _p = parameters;
        _pairWeight = new double[index.Snapshot.AccountCount];
    }

    /// <summary>A copy of the builder with its own scratch, for another thread: the views it cites are shared.</summary>
    private EvidenceBuilder(EvidenceBuilder shared)
    {
        _coUse = shared._coUse;
        _colocation = shared._colocation;
        _elements = shared._elements;
        _index = shared._index;
        _links = shared._links;
        _lockstep = shared._lockstep;
        _p = shared._p;
        _pairWeight = new double[shared._pairWeight.Length];
    }

    /// <summary>A builder that gives the same evidence as this one and can run on another thread beside it.</summary>
    public EvidenceBuilder Fork() => new(this);

    private DetectionSnapshot S => _index.Snapshot;

    public EvidenceTree Tree(int[] members, int label, int[] membership, Dictionary<int, List<string>> memberHits)
    {
        // Root: the member with the largest total link weight inside the cluster (ties: lowest id).
        int root = members[0];
        var rootWeight = -1.0;
        foreach (var a in members)
        {
            var total = 0.0;
            foreach (var link in _links.LinksOf(a))
            {
                if (membership[_links.Other(link, a)] == label)
                {
                    total += _links.Weight[link];
                }
            }

            if (total > rootWeight)
            {
                rootWeight = total;
                root = a;
            }
        }

        var parent = new Dictionary<int, int>();
        var depth = new Dictionary<int, int> { [root] = 0 };
        var best = new Dictionary<int, double>();
        var queue = new PriorityQueue<int, (double, int)>();
        var inTree = new HashSet<int>();
        queue.Enqueue(root, (0, root));
        while (queue.TryDequeue(out var u, out _))
        {
            if (!inTree.Add(u))
            {
                continue;
            }

            if (parent.TryGetValue(u, out var pu))
            {
                depth[u] = depth[pu] + 1;
            }

            foreach (var link in _links.LinksOf(u))
            {
                var v = _links.Other(link, u);
                if (membership[v] != label || inTree.Contains(v))
                {
                    continue;
                }

                if (_pairWeight[v] == 0)
                {
                    _touched.Add(v);
                }

                _pairWeight[v] += _links.Weight[link];
            }

            foreach (var v in _touched)
            {
                var w = _pairWeight[v];
                _pairWeight[v] = 0;
                if (!best.TryGetValue(v, out var current) || w > current)
                {
                    best[v] = w;
                    parent[v] = u;
                    queue.Enqueue(v, (-w, v));
                }
            }

            _touched.Clear();
        }

        var steps = new List<EvidenceStep>(members.Length);
        foreach (var a in members)
        {
            var hits = memberHits.TryGetValue(a, out var list) ? (IReadOnlyList<string>)list : [];
            if (a == root)
            {
                steps.Add(new EvidenceStep(S.AccountIds[a], null, 0, [], hits));
                continue;
            }

            if (!inTree.Contains(a))
            {
                // Put in the cluster by the clustering step without a link of its own: say so, do not invent one.
                steps.Add(new EvidenceStep(S.AccountIds[a], null, -1, [], hits));
                continue;
            }

            var p = parent[a];
            var stepLinks = new List<EvidenceLink>();
            foreach (var link in _links.LinksOf(a))
            {
                if (_links.Other(link, a) == p)
                {
                    stepLinks.Add(Resolve(link, a, p));
                }
            }

            stepLinks.Sort((x, y) => y.Weight.CompareTo(x.Weight));
            steps.Add(new EvidenceStep(S.AccountIds[a], S.AccountIds[p], depth[a], stepLinks, hits));
        }

        return new EvidenceTree(S.AccountIds[root], steps);
    }

    public IReadOnlyList<CounterEvidence> Counter(int[] members, int label, int[] membership, ClusterFeatures? features = null)
    {
        var result = new List<CounterEvidence>();
        var ipMembers = new Dictionary<int, int>();
        var instrumentMembers = new Dictionary<int, int>();
        var ownOrgCard = false;
        foreach (var a in members)
        {
            foreach (var ip in _index.IpsOf(a))
            {
                ipMembers[ip] = ipMembers.GetValueOrDefault(ip) + 1;
            }

            for (var k = _index.PaymentOffsets[a]; k < _index.PaymentOffsets[a + 1]; k++)
            {
                var instrument = S.PaymentInstrument[_index.PaymentRows[k]];
                instrumentMembers[instrument] = instrumentMembers.GetValueOrDefault(instrument) + 1;
            }

            foreach (var link in _links.LinksOf(a))
            {
                ownOrgCard |= _links.Rule[link] == LinkRule.SharedPayment && _links.Aux[link] == 1 && membership[_links.Other(link, a)] == label;
            }
        }

        // Ranked before any text is written: a reseller's cluster shares thousands of exits with outsiders, and only the
        // first CounterEvidenceMax are kept.
        var shared = new List<SharedRecord>();
        foreach (var (ip, inside) in ipMembers)
        {
            var outside = _index.IpAccountCount[ip] - inside;
            if (outside >= _p.CounterEvidenceMinOutside)
            {
                shared.Add((outside, S.Ips[ip], ip, true));
            }
        }

        foreach (var (instrument, inside) in instrumentMembers)
        {
            var outside = _index.InstrumentAccountCount[instrument] - inside;
            if (outside >= _p.CounterEvidenceMinOutside)
            {
                shared.Add((outside, S.Instruments[instrument], instrument, false));
            }
        }

        foreach (var (outside, subject, id, ip) in MostShared(shared, Math.Max(0, _p.CounterEvidenceMax)))
        {
            var kind = ip ? S.IpKind[id] is { } t ? Records.ContractNames.Name(t) : "unknown" : null;
            result.Add(ip
                ? new CounterEvidence("ip_shared_outside", subject, $"IP {subject} ({kind}) is also used by {outside} accounts outside the cluster", outside)
                : new CounterEvidence("instrument_shared_outside", subject, $"Instrument {subject} is also used by {outside} accounts outside the cluster", outside));
        }

        if (features is { Transparency: > 0 } f && f.Transparency >= _p.TransparencyGuardShare / 2)
        {
            var orgs = new Dictionary<int, int>();
            foreach (var a in members)
            {
                if (S.AccountOrgName[a] >= 0)
                {
                    orgs[S.AccountOrgName[a]] = orgs.GetValueOrDefault(S.AccountOrgName[a]) + 1;
                }
            }

            var top = orgs.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).DefaultIfEmpty(new(-1, 0)).First();
            var open = (int)Math.Round(f.Transparency * members.Length);
            var domain = members.Where(a => S.AccountEmailDomain[a] >= 0).GroupBy(a => S.AccountEmailDomain[a])
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).DefaultIfEmpty(-1).First();
            var names = top.Key < 0 ? "none declares a name" : $"{orgs.Count} names declared, most often {S.OrgNames[top.Key]}";
            result.Add((open > top.Value || top.Key < 0) && domain >= 0
                ? new CounterEvidence("transparent_organisation", S.EmailDomains[domain],
                    string.Create(CultureInfo.InvariantCulture,
                        $"{open} of {members.Length} members write from one organisation's own e-mail domain {S.EmailDomains[domain]} ({names}): coordination in the open"),
                    open)
                : new CounterEvidence("transparent_organisation", S.OrgNames[top.Key],
                    string.Create(CultureInfo.InvariantCulture,
                        $"{open} of {members.Length} members openly declare {S.OrgNames[top.Key]} (vetted pathway or the organisation's own e-mail domain): coordination in the open"),
                    open));
        }

        if (features is { } g && g.OpenOrganisations > g.Transparency && g.OpenOrganisations >= _p.TransparencyGuardShare / 2)
        {
            var declared = members.Where(a => S.AccountOrgName[a] >= 0).Select(a => S.AccountOrgName[a]).Distinct().Count();
            var open = (int)Math.Round(g.OpenOrganisations * members.Length);
            result.Add(new CounterEvidence("open_organisations", "organisations",
                string.Create(CultureInfo.InvariantCulture,
                    $"{open} of {members.Length} members are open about their own organisations ({declared} declared) and keep their shared cards and addresses inside them"),
                open));
        }

        if (features is { } h && h.OnePerson >= _p.TransparencyGuardShare / 2)
        {
            var names = members.Where(a => S.AccountDisplayName[a] >= 0).GroupBy(a => S.AccountDisplayName[a])
                .OrderByDescending(x => x.Count()).ThenBy(x => x.Key).First();
            var one = (int)Math.Round(h.OnePerson * members.Length);
            result.Add(new CounterEvidence("one_person", S.DisplayNames[names.Key],
                string.Create(CultureInfo.InvariantCulture,
                    $"{one} of {members.Length} members show the same name ({S.DisplayNames[names.Key]}), too rare in the population to be chance, and share money or addresses only with each other: one person's accounts, not a crew"),
                one));
        }

        if (ownOrgCard)
        {
            result.Add(new CounterEvidence("own_organisation_card", "payment",
                "Shared instruments belong to accounts of one declared organisation on vetted pathways", 0));
        }

        return result;
    }

    /// <summary>
    /// The <paramref name="count"/> records most shared with outsiders (ties by subject), best first: what sorting them all
    /// and taking the first would give, in one pass that keeps only the best so far (a reseller's cluster shares thousands).
    /// </summary>
    internal static List<SharedRecord> MostShared(List<SharedRecord> shared, int count)
    {
        static int Compare(SharedRecord x, SharedRecord y) =>
            y.Outside != x.Outside ? y.Outside.CompareTo(x.Outside) : string.CompareOrdinal(x.Subject, y.Subject);

        var best = new List<SharedRecord>(count + 1);
        foreach (var item in shared)
        {
            if (best.Count == count && (count == 0 || Compare(item, best[^1]) >= 0))
            {
                continue;
            }

            var at = best.Count;
            while (at > 0 && Compare(item, best[at - 1]) < 0)
            {
                at--;
            }

            best.Insert(at, item);
            if (best.Count > count)
            {
                best.RemoveAt(count);
            }
        }

        return best;
    }

    private EvidenceLink Resolve(int link, int from, int to)
    {
        var rule = _links.Rule[link];
        var key = _links.Key[link];
        var records = new List<ProvenanceRecord>();
        string summary;
        switch (rule)
        {
            case LinkRule.SharedPayment:
                summary = $"both paid with instrument {S.Instruments[key]} (on {_index.InstrumentAccountCount[key]} accounts"
                    + (_links.Aux[link] == 1 ? "; own organisation's card, discounted)" : ")");
                PaymentRecords(from, key, records);
                PaymentRecords(to, key, records);
                break;
            case LinkRule.SharedIp:
                var type = S.IpKind[key] is { } t ? Records.ContractNames.Name(t) : "unknown";
                var asn = S.IpAsn[key] >= 0 ? $", AS{S.IpAsn[key]}" : "";
                summary = $"both seen at {S.Ips[key]} ({type}{asn}; on {_index.IpAccountCount[key]} accounts)";
                IpRecords(from, key, records);
                IpRecords(to, key, records);
                break;
            case LinkRule.Lockstep when _links.Aux[link] == 1:
                summary = string.Create(CultureInfo.InvariantCulture,
                    $"harvesting in {_lockstep.SharedBuckets[key]} of the same {_p.HarvestLockstepBucketSeconds}s buckets (Jaccard {_lockstep.Jaccard[key]:0.00}, {_lockstep.PhaseSlots[key]} distinct times of day)");
                LockstepRecords(from, to, _p.HarvestLockstepBucketSeconds * 1000L, records);
                break;
            case LinkRule.Lockstep:
                summary = string.Create(CultureInfo.InvariantCulture,
                    $"active in {_lockstep.SharedBuckets[key]} of the same {_p.LockstepBucketSeconds}s buckets (Jaccard {_lockstep.Jaccard[key]:0.00}, {_lockstep.PhaseSlots[key]} distinct times of day)");
                LockstepRecords(from, to, _p.LockstepBucketSeconds * 1000L, records);
                break;
            case LinkRule.SharedPrompt:
                summary = $"both concentrate on prompt template {S.PromptFingerprints[key]}";
                RequestRecords(from, key, S.RequestPromptFingerprint, "request", S.PromptFingerprints[key], records);
                RequestRecords(to, key, S.RequestPromptFingerprint, "request", S.PromptFingerprints[key], records);
                break;
            case LinkRule.CoUse:
                summary = CoUseSummary(key);
                CoUseRecords(from, to, key, records);
                break;
            case LinkRule.Colocation:
                summary = ColocationSummary(key);
                ColocationRecords(from, key, records);
                ColocationRecords(to, key, records);
                break;
            default:
                summary = $"same client string {S.Clients[key]}";
                RequestRecords(from, key, S.RequestClient, "request", S.Clients[key], records);
                RequestRecords(to, key, S.RequestClient, "request", S.Clients[key], records);
                break;
        }

        return new EvidenceLink(LinkRuleNames.Name(rule), Math.Round(_links.Weight[link], 4), S.AccountIds[from], S.AccountIds[to], summary, records);
    }

    private string CoUseSummary(int pair)
    {
        var kind = CoUseView.KindNames[(int)_coUse.Kind[pair]];
        var names = new List<string>();
        foreach (var e in _coUse.ElementsOf(pair))
        {
            if (names.Count < 5 && _elements is not null)
            {
                names.Add(_elements.Names[e]);
            }
        }

        var more = _coUse.Shared[pair] > names.Count ? ", ..." : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"share {_coUse.Shared[pair]} distinct {kind} elements ({string.Join(", ", names)}{more}) where chance predicts {_coUse.Expected[pair]:0.###} (p = 10^{_coUse.Log10P[pair]:0.0})");
    }

    private string ColocationSummary(int group)
    {
        var ips = _colocation.IpsOf(group);
        var members = _colocation.MemberOffsets[group + 1] - _colocation.MemberOffsets[group];
        var names = new List<string>();
        for (var i = 0; i < ips.Length && names.Count < 3; i++)
        {
            var at = _colocation.IpOffsets[group] + i;
            names.Add(string.Create(CultureInfo.InvariantCulture,
                $"{S.Ips[ips[i]]}: {_colocation.IpMembers[at]} of its {_index.IpAccountCount[ips[i]]} accounts"));
        }

        var more = ips.Length > names.Count ? ", ..." : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"both in a group of {members} accounts that fill the same {ips.Length} shared addresses ({string.Join("; ", names)}{more}): they meet there {_colocation.Observed[group]:0} times where a random set of {members} accounts would {_colocation.Expected[group]:0.#} (p = 10^{_colocation.Log10P[group]:0.0})");
    }

    /// <summary>The account's sessions (or requests) at the group's first addresses it uses (at most
    /// <see cref="DetectionParameters.EvidenceMaxExamples"/>).</summary>
    private void ColocationRecords(int account, int group, List<ProvenanceRecord> records)
    {
        // The account's addresses ranked by their place in the group's list (most members first): one pass over the
        // account's few addresses, not over a group's thousands for every link of its tree.
        var rank = ColocationRank(group);
        var mine = new List<(int Rank, int Ip)>();
        foreach (var ip in _index.IpsOf(account))
        {
            if (rank.TryGetValue(ip, out var r))
            {
                mine.Add((r, ip));
            }
        }

        mine.Sort();
        for (var i = 0; i < mine.Count && i < _p.EvidenceMaxExamples; i++)
        {
            IpRecords(account, mine[i].Ip, records);
        }
    }

    /// <summary>Each of the group's addresses → its place in the group's list; kept for the last group asked about
    /// (the links of one cluster's tree come from one group).</summary>
    private Dictionary<int, int> ColocationRank(int group)
    {
        if (_colocationRank is { } cached && cached.Group == group)
        {
            return cached.Rank;
        }

        var rank = new Dictionary<int, int>();
        var ips = _colocation.IpsOf(group);
        for (var i = 0; i < ips.Length; i++)
        {
            rank[ips[i]] = i;
        }

        _colocationRank = (group, rank);
        return rank;
    }

    /// <summary>Source records of the first shared elements of a co-use pair, for both accounts (at most
    /// <see cref="DetectionParameters.EvidenceMaxExamples"/> elements).</summary>
    private void CoUseRecords(int a, int b, int pair, List<ProvenanceRecord> records)
    {
        if (_elements is null)
        {
            return;
        }

        var shown = 0;
        foreach (var e in _coUse.ElementsOf(pair))
        {
            if (shown++ >= _p.EvidenceMaxExamples)
            {
                break;
            }

            foreach (var account in (ReadOnlySpan<int>)[a, b])
            {
                var local = e - _elements.KindStart[(int)_coUse.Kind[pair]];
                switch (_coUse.Kind[pair])
                {
                    case CoUseKind.Ip:
                        IpRecords(account, local, records);
                        break;
                    case CoUseKind.Template:
                        RequestRecords(account, local, S.RequestPromptFingerprint, "request", S.PromptFingerprints[local], records);
                        break;
                    case CoUseKind.Client:
                        RequestRecords(account, local, S.RequestClient, "request", S.Clients[local], records);
                        break;
                    case CoUseKind.Instrument:
                        PaymentRecords(account, local, records);
                        break;
                    default:
                        // Subnet or ASN: the account's first IP inside it stands for it.
                        foreach (var ip in _index.IpsOf(account))
                        {
                            if ((_coUse.Kind[pair] == CoUseKind.Subnet ? _elements.SubnetOfIp : _elements.AsnOfIp)[ip] == e)
                            {
                                IpRecords(account, ip, records);
                                break;
                            }
                        }

                        break;
                }
            }
        }
    }

    private void PaymentRecords(int account, int instrument, List<ProvenanceRecord> records)
    {
        for (var k = _index.PaymentOffsets[account]; k < _index.PaymentOffsets[account + 1]; k++)
        {
            var row = _index.PaymentRows[k];
            if (S.PaymentInstrument[row] == instrument)
            {
                records.Add(new ProvenanceRecord
                {
                    Kind = "payment",
                    Account = S.AccountIds[account],
                    Value = S.Instruments[instrument],
                    FirstSeen = DateTimeOffset.FromUnixTimeMilliseconds(S.PaymentFirstSeenMs[row]),
                });
            }
        }
    }

    private void IpRecords(int account, int ip, List<ProvenanceRecord> records)
    {
        var found = false;
        for (var k = _index.SessionOffsets[account]; k < _index.SessionOffsets[account + 1]; k++)
        {
            var row = _index.SessionRows[k];
            if (S.SessionIp[row] == ip)
            {
                found = true;
                records.Add(new ProvenanceRecord
                {
                    Kind = "session",
                    Account = S.AccountIds[account],
                    Value = S.Ips[ip],
                    FirstSeen = DateTimeOffset.FromUnixTimeMilliseconds(S.SessionFirstSeenMs[row]),
                    LastSeen = DateTimeOffset.FromUnixTimeMilliseconds(S.SessionLastSeenMs[row]),
                    Count = S.SessionCount[row],
                });
            }
        }

        if (!found)
        {
            RequestRecords(account, ip, S.RequestIp, "request", S.Ips[ip], records);
        }
    }

    /// <summary>Requests of an account whose column equals <paramref name="id"/>: count, first/last time and the first row.</summary>
    private void RequestRecords(int account, int id, int[] column, string kind, string value, List<ProvenanceRecord> records)
    {
        int count = 0, firstRow = -1, lastRow = -1;
        for (var r = S.RequestOffsets[account]; r < S.RequestOffsets[account + 1]; r++)
        {
            if (column[r] == id)
            {
                count++;
                if (firstRow < 0)
                {
                    firstRow = r;
                }

                lastRow = r;
            }
        }

        if (count > 0)
        {
            records.Add(new ProvenanceRecord
            {
                Kind = kind,
                Account = S.AccountIds[account],
                Value = value,
                RequestRowId = S.RequestRowId[firstRow],
                FirstSeen = DateTimeOffset.FromUnixTimeMilliseconds(S.RequestTsMs[firstRow]),
                LastSeen = DateTimeOffset.FromUnixTimeMilliseconds(S.RequestTsMs[lastRow]),
                Count = count,
            });
        }
    }

    /// <summary>Example request pairs of two lockstep accounts: one request of each in the first shared buckets.</summary>
    private void LockstepRecords(int a, int b, long bucketMs, List<ProvenanceRecord> records)
    {
        int i = S.RequestOffsets[a], iEnd = S.RequestOffsets[a + 1], j = S.RequestOffsets[b], jEnd = S.RequestOffsets[b + 1];
        var examples = 0;
        var lastBucket = long.MinValue;
        while (i < iEnd && j < jEnd && examples < _p.EvidenceMaxExamples)
        {
            var bi = Math.DivRem(S.RequestTsMs[i], bucketMs).Quotient;
            var bj = Math.DivRem(S.RequestTsMs[j], bucketMs).Quotient;
            if (bi < bj)
            {
                i++;
            }
            else if (bi > bj)
            {
                j++;
            }
            else
            {
                if (bi != lastBucket)
                {
                    lastBucket = bi;
                    examples++;
                    records.Add(RequestRecord(a, i));
                    records.Add(RequestRecord(b, j));
                }

                i++;
                j++;
            }
        }
    }

    private ProvenanceRecord RequestRecord(int account, int row) => new()
    {
        Kind = "request",
        Account = S.AccountIds[account],
        RequestRowId = S.RequestRowId[row],
        FirstSeen = DateTimeOffset.FromUnixTimeMilliseconds(S.RequestTsMs[row]),
    };
}
