using System.Runtime.InteropServices;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Computes a cluster's features and its riskScore = sigmoid(bias + Σ weight × feature), and the verdict:
/// flagged only when the score, a harvesting signal and a coordination signal all pass their thresholds.
/// Reuses scratch arrays across clusters, so one scorer is not thread-safe: another thread scores with a
/// <see cref="Fork"/>, which shares everything else.
/// </summary>
internal sealed class ClusterScorer
{
    private readonly AccountIndex _index;
    private readonly LinkSet _links;
    private readonly DetectionParameters _p;
    private readonly double[] _pathwayRisk;
    private readonly int[] _templateMembers;
    private readonly int[] _ipMembers;
    private int[]? _flaggedOnIp;
    private readonly long[] _templateRequests;
    private readonly double[] _templateHarvest;
    private readonly bool[] _templateHeld;
    private readonly bool[] _templatePooled;
    private readonly long _sharedPromptUses;
    private readonly int _promptingAccounts;
    private readonly int[] _templateHidden;
    private readonly long[] _templateOwner;
    private readonly long[] _templatePayer;
    private readonly List<int> _touched = [];
    private readonly long _firstHourMs;
    private readonly int[]? _hourCounts;
    private readonly bool[] _harvested;
    private readonly int[] _domainPopulation;
    private readonly int[] _orgPopulation;
    private readonly bool[] _institution;
    private readonly int[] _person;
    private readonly int[] _personPopulation;
    private readonly int _named;
    private readonly int[] _syncCounts;
    private readonly bool[] _afterRelease;
    private int[]? _shiftedSyncCounts;
    private readonly int _syncBucketsPerDay;

    public ClusterScorer(AccountIndex index, LinkSet links, DetectionParameters parameters)
    {
        _index = index;
        _links = links;
        _p = parameters;
        _pathwayRisk = new double[Enum.GetValues<AccessPathway>().Length];
        foreach (var w in parameters.PathwayRisks)
        {
            if (ContractNames.TryParse(w.Name, out AccessPathway pathway))
            {
                _pathwayRisk[(int)pathway] = w.Weight;
            }
        }

        _templateMembers = new int[index.Snapshot.PromptFingerprints.Length];
        _ipMembers = new int[index.IpAccountCount.Length];
        _templateRequests = new long[index.Snapshot.PromptFingerprints.Length];
        _templateHarvest = new double[index.Snapshot.PromptFingerprints.Length];
        _templateHeld = new bool[index.Snapshot.PromptFingerprints.Length];
        _templatePooled = new bool[index.Snapshot.PromptFingerprints.Length];
        for (var a = 0; a < index.Snapshot.AccountCount; a++)
        {
            for (var k = index.PromptOffsets[a]; k < index.PromptOffsets[a + 1]; k++)
            {
                _sharedPromptUses += index.PromptAccountCount[index.PromptIds[k]] >= 2 ? 1 : 0;
            }

            _promptingAccounts += index.PromptOffsets[a + 1] > index.PromptOffsets[a] ? 1 : 0;
        }
        _templateHidden = new int[index.Snapshot.PromptFingerprints.Length];
        _templateOwner = new long[index.Snapshot.PromptFingerprints.Length];
        _templatePayer = new long[index.Snapshot.PromptFingerprints.Length];

        // One counter per hour of the data's whole period: the harvesting span of a cluster is read off an hour
        // histogram of its harvesting requests, so no cluster's request times need to be gathered and sorted.
        var s = index.Snapshot;
        _harvested = new bool[s.Capabilities.Length];
        for (var c = 0; c < s.Capabilities.Length; c++)
        {
            foreach (var w in parameters.HarvestCapabilities)
            {
                _harvested[c] |= w.Weight > 0 && string.Equals(w.Name, s.Capabilities[c], StringComparison.Ordinal);
            }
        }

        long first = long.MaxValue, last = long.MinValue;
        for (var a = 0; a < s.AccountCount; a++)
        {
            if (s.RequestOffsets[a] < s.RequestOffsets[a + 1])
            {
                first = Math.Min(first, s.RequestTsMs[s.RequestOffsets[a]]);
                last = Math.Max(last, s.RequestTsMs[s.RequestOffsets[a + 1] - 1]);
            }
        }

        _firstHourMs = first == long.MaxValue ? 0 : first;
        // The histogram costs one counter per hour of the whole period; a period longer than the cap (rows
        // dated centuries apart) uses a sort of each cluster's hours instead, so memory never follows the span.
        var hours = first == long.MaxValue ? 0 : ((last - first) / HourMs) + 1;
        _hourCounts = hours <= MaxHistogramHours ? new int[hours] : null;
        (_person, _personPopulation, _named) = People(s);
        _domainPopulation = new int[s.EmailDomains.Length];
        _orgPopulation = new int[s.OrgNames.Length];
        for (var a = 0; a < s.AccountCount; a++)
        {
            if (parameters.TransparencyActivePopulation && s.RequestOffsets[a] == s.RequestOffsets[a + 1])
            {
                continue;
            }

            if (s.AccountEmailDomain[a] is var d and >= 0)
            {
                _domainPopulation[d]++;
            }

            if (s.AccountOrgName[a] is var o and >= 0)
            {
                _orgPopulation[o]++;
            }
        }

        _institution = parameters.TransparencyInstitutionDomains ? InstitutionDomains(s, parameters) : new bool[s.EmailDomains.Length];

        // Group synchrony works on whole days (the null shifts members by whole days), so its bucket grid spans the
        // data's days; bucket widths that do not divide a day are rounded to one that does.
        var bucketMs = Math.Max(60_000L, parameters.GroupSyncBucketSeconds * 1000L);
        _syncBucketsPerDay = (int)Math.Max(1, DayMs / bucketMs);
        // Past the histogram's cap (a span of centuries) group synchrony is not measured: its grid would follow the span.
        var days = first == long.MaxValue ? 1 : ((last - first) / DayMs) + 1;
        _syncCounts = days * 24 <= MaxHistogramHours ? new int[checked((int)days * _syncBucketsPerDay)] : [];
        _afterRelease = AfterRelease(s, parameters, _firstHourMs, DayMs / _syncBucketsPerDay, _syncCounts.Length);
    }

    /// <summary>The group-synchrony buckets within <see cref="DetectionParameters.ReleasePivotHours"/> after a model release
    /// (<see cref="DetectionParameters.GroupSyncOutsideReleases"/>; empty when off), left out of the group synchrony of a
    /// cluster that shares no money and no addresses: a crowd that a launch brings back is co-active because of the
    /// launch, which the release-pivot feature reads on its own.</summary>
    private static bool[] AfterRelease(DetectionSnapshot s, DetectionParameters p, long firstMs, long bucketMs, int buckets)
    {
        var marked = new bool[p.GroupSyncOutsideReleases ? buckets : 0];
        foreach (var release in marked.Length == 0 ? [] : s.Releases)
        {
            var from = (release.ReleasedAt.ToUnixTimeMilliseconds() - firstMs) / bucketMs;
            var to = (release.ReleasedAt.ToUnixTimeMilliseconds() + (p.ReleasePivotHours * HourMs) - firstMs) / bucketMs;
            for (var b = Math.Max(0, from); b <= to && b < buckets; b++)
            {
                marked[b] = true;
            }
        }

        return marked;
    }

    /// <summary>A scorer for another thread: the same population, links and parameters, its own scratch arrays.</summary>
    private ClusterScorer(ClusterScorer shared)
    {
        _index = shared._index;
        _links = shared._links;
        _p = shared._p;
        _pathwayRisk = shared._pathwayRisk;
        _templateMembers = new int[shared._templateMembers.Length];
        _ipMembers = new int[shared._ipMembers.Length];
        _flaggedOnIp = shared._flaggedOnIp;
        _templateRequests = new long[shared._templateRequests.Length];
        _templateHarvest = new double[shared._templateHarvest.Length];
        _templateHeld = new bool[shared._templateHeld.Length];
        _templatePooled = new bool[shared._templatePooled.Length];
        _sharedPromptUses = shared._sharedPromptUses;
        _promptingAccounts = shared._promptingAccounts;
        _templateHidden = new int[shared._templateHidden.Length];
        _templateOwner = new long[shared._templateOwner.Length];
        _templatePayer = new long[shared._templatePayer.Length];
        _firstHourMs = shared._firstHourMs;
        _hourCounts = shared._hourCounts is null ? null : new int[shared._hourCounts.Length];
        _harvested = shared._harvested;
        _domainPopulation = shared._domainPopulation;
        _orgPopulation = shared._orgPopulation;
        _institution = shared._institution;
        _person = shared._person;
        _personPopulation = shared._personPopulation;
        _named = shared._named;
        _syncCounts = new int[shared._syncCounts.Length];
        _afterRelease = shared._afterRelease;
        _syncBucketsPerDay = shared._syncBucketsPerDay;
        ParallelNullsAboveWork = shared.ParallelNullsAboveWork;
    }

    /// <summary>
    /// A scorer that gives the same features and verdicts as this one and can run on another thread beside it (its scratch
    /// arrays are its own: about 20 bytes per prompt template and 4 per IP address). The flagged neighbours counted so far
    /// (<see cref="CountFlaggedNeighbours"/>) are shared, so they must not change while a fork scores.
    /// </summary>
    public ClusterScorer Fork() => new(this);

    private const long DayMs = 86_400_000;

    private const int WeekDays = 7;

    private const long HourMs = 3_600_000;

    /// <summary>About 120 years of hours (4 MiB of counters).</summary>
    private const long MaxHistogramHours = 1L << 20;

    /// <summary>Group synchrony's two nulls run side by side from this much work (member buckets × shuffles) up: below it a
    /// second thread costs more than it saves. Tests set it to compare the two ways.</summary>
    internal long ParallelNullsAboveWork { get; init; } = 1L << 18;

    public ClusterFeatures Features(int[] members, int label, int[] membership)
    {
        var s = _index.Snapshot;
        var size = members.Length;
        int synchronous = 0, harvestSynchronous = 0;
        double payment = 0, pathway = 0, harvest = 0;
        long requests = 0, pivotOn = 0, pivotAll = 0;
        var pivotHarvest = 0.0;
        var counts = new int[size];
        var created = new long[size];
        var coUse = 0;
        var concealedInstruments = new HashSet<int>();
        var tied = new bool[size];
        var tiedAcross = new bool[size];
        var tiedToAnother = new bool[size];
        // For a member without a display name: the one name its private-tie partners show (−2 none yet, −1 several or an
        // unnamed partner).
        var partnerName = new int[size];
        Array.Fill(partnerName, -2);
        List<(int A, int B)>? unnamedTies = null;
        // Each member's payment-sharing share, and whether all its money inside goes to members showing its own name.
        var paidShare = new double[size];
        var moneyOfItsName = new bool[size];
        var moneyOfItsOrganisation = new bool[size];
        var organisation = OrganisationKeys(s, members);
        for (var i = 0; i < size; i++)
        {
            var a = members[i];
            var inLockstep = false;
            var inHarvestLockstep = false;
            var coUsed = false;
            var privateTie = false;
            var paid = 0.0;
            moneyOfItsName[i] = _person[a] >= 0;
            moneyOfItsOrganisation[i] = organisation[a] >= 0;
            foreach (var link in _links.LinksOf(a))
            {
                var other = _links.Other(link, a);
                if (membership[other] != label)
                {
                    continue;
                }

                if (IsPrivate(link) && (organisation[a] < 0 || organisation.GetValueOrDefault(other, -1) != organisation[a]))
                {
                    tiedAcross[i] = true;
                }

                if (IsPrivate(link) && (_person[a] < 0 || _person[other] != _person[a]))
                {
                    // An account that shows no name is not evidence of another person: it may be one of the named
                    // person's own (OnePerson reads it against whom it is tied to).
                    var unnamedPartner = _p.TransparencyOnePersonUnnamed && _person[a] >= 0 && _person[other] < 0;
                    tiedToAnother[i] |= !unnamedPartner;
                    if (_person[a] < 0 && _person[other] < 0 && _p.TransparencyOnePersonSideAccountGroups)
                    {
                        // Two unnamed accounts tied to each other: read together once the loop is done (SideAccountGroups).
                        (unnamedTies ??= []).Add((a, other));
                    }
                    else
                    {
                        partnerName[i] = _person[a] >= 0 ? partnerName[i]
                            : partnerName[i] == -2 || partnerName[i] == _person[other] ? _person[other] : -1;
                    }
                }

                if (_links.Rule[link] == LinkRule.Lockstep)
                {
                    inLockstep = true;
                    inHarvestLockstep |= _links.Aux[link] == 1;
                }
                else if (_links.Rule[link] == LinkRule.SharedPayment)
                {
                    paid = Math.Max(paid, _links.Aux[link] == 1 ? _p.EnterpriseOrgCardFactor : 1);
                    var sameOrganisation = organisation[a] >= 0 && organisation.GetValueOrDefault(other, -1) == organisation[a];
                    moneyOfItsName[i] &= _person[other] == _person[a];
                    moneyOfItsOrganisation[i] &= sameOrganisation;
                    // Money shared across organisations (or by members that declare none) is concealed money; an
                    // organisation's own card shared by its people is not.
                    if (_links.Aux[link] == 0 && !sameOrganisation)
                    {
                        concealedInstruments.Add(_links.Key[link]);
                    }
                }
                else if (_links.Rule[link] == LinkRule.CoUse)
                {
                    coUsed = true;
                    privateTie |= !IsContent((CoUseKind)_links.Aux[link]);
                }
                else if (_links.Rule[link] == LinkRule.Colocation)
                {
                    // The group form of co-use: members of a block that fills the same addresses beyond chance.
                    coUsed = true;
                    privateTie = true;
                }
                else if (_links.Rule[link] == LinkRule.SharedIp)
                {
                    privateTie = true;
                }
            }

            coUse += coUsed ? 1 : 0;
            // Concealment counts ties through what an operator holds privately (money, addresses, networks), not
            // shared content: templates and client strings of public software are shared by strangers who never met.
            tied[i] = privateTie || paid > 0;

            synchronous += inLockstep ? 1 : 0;
            harvestSynchronous += inHarvestLockstep ? 1 : 0;
            payment += paid;
            paidShare[i] = paid;
            pathway += _pathwayRisk[(int)s.AccountPathway[a]];
            harvest += _index.HarvestWeight[a];
            requests += _index.RequestCount[a];
            pivotOn += _index.PivotOn[a];
            pivotHarvest += _index.PivotOnHarvest[a];
            pivotAll += _index.PivotAll[a];
            counts[i] = _index.RequestCount[a];
            created[i] = s.AccountCreatedAtMs[a];
            for (var k = _index.PromptOffsets[a]; k < _index.PromptOffsets[a + 1]; k++)
            {
                var fp = _index.PromptIds[k];
                if (_templateMembers[fp] == 0)
                {
                    _touched.Add(fp);
                }

                _templateMembers[fp]++;
                _templateRequests[fp] += _index.PromptCounts[k];
                _templateHarvest[fp] += _index.PromptHarvest[k];
            }
        }

        var pivot = 0.0;
        if (pivotAll >= _p.ReleasePivotMinRequests && _index.PopulationPivotShare > 0)
        {
            var lift = (double)pivotOn / pivotAll / _index.PopulationPivotShare;
            pivot = Clamp((lift - 1) / (_p.ReleasePivotLiftAtFull - 1));
            // A distiller moves to a new model to harvest it: the pivot counts in full when the cluster's requests on the new
            // models harvest at least at the population's share, in proportion below (a family trying a new model for chat
            // moves fast too, and harvests nothing there).
            if (_p.ReleasePivotNeedsHarvest && _index.PopulationHarvestShare > 0)
            {
                pivot *= pivotOn == 0 ? 0 : Clamp(pivotHarvest / pivotOn / _index.PopulationHarvestShare);
            }
        }

        var (transparency, open) = Transparency(s, members);
        var blocks = Colocation(members, tied);
        if (unnamedTies is not null)
        {
            SideAccountGroups(members, unnamedTies, partnerName);
        }

        var person = OnePerson(members, tied, tiedToAnother, blocks, partnerName);
        var concealed = 0;
        var onePerson = 0;
        var openOwn = new bool[size];
        var openOrganisations = OpenOrganisations(s, members, organisation, tiedAcross, openOwn);
        var hides = new bool[size];
        var hidden = 0;
        var blockAcross = BlocksAcrossOrganisations(members, blocks, organisation);
        for (var i = 0; i < size; i++)
        {
            // A member open about its own organisation (tied to no other's member, by links or by the addresses its
            // co-location block shares) hides nothing either (ConcealmentReadsEveryOrganisation): its ties are its colleagues'.
            concealed += tied[i] && !open[i] && !person[i] && !(_p.ConcealmentReadsEveryOrganisation && openOwn[i] && !blockAcross[i]) ? 1 : 0;
            onePerson += person[i] ? 1 : 0;
            // One person paying for its own accounts shares no money with anyone (OnePersonMoneyIsItsOwn).
            // An open organisation paying for its own people's accounts shares no money across identities (OrganisationMoneyIsItsOwn).
            payment -= (_p.OnePersonMoneyIsItsOwn && person[i] && moneyOfItsName[i])
                || (_p.OrganisationMoneyIsItsOwn && (open[i] || openOwn[i]) && moneyOfItsOrganisation[i]) ? paidShare[i] : 0;
            // Held templates read only members who hide who they are: open in no reading (one organisation or their own).
            hides[i] = tied[i] && !open[i] && !openOwn[i] && !person[i];
            hidden += hides[i] ? 1 : 0;
        }

        var sharedThreshold = Math.Max(2, (int)Math.Ceiling(_p.TemplateSharedMemberShare * size));
        var (held, pool, poolHarvest) = hidden >= sharedThreshold ? HeldTemplates(members, hides, organisation, sharedThreshold) : (false, 0, 0);
        long sharedRequests = 0;
        var sharedHarvest = 0.0;
        foreach (var fp in _touched)
        {
            if (_templateMembers[fp] >= sharedThreshold || (held && _templateHeld[fp]))
            {
                sharedRequests += _templateRequests[fp];
                sharedHarvest += _templateHarvest[fp];
            }

            _templateMembers[fp] = 0;
            _templateRequests[fp] = 0;
            _templateHarvest[fp] = 0;
            _templateHeld[fp] = false;
        }

        _touched.Clear();

        // The pool is the reading for content spread too thin for the requests' share: where the templates many members share
        // already carry FlagMinCoUseTemplate of the requests (a course's exercises, a hackathon's notebooks), it adds nothing.
        var concentration = requests == 0 ? 0 : (double)sharedRequests / requests;
        var thin = concentration < _p.FlagMinCoUseTemplate;
        Array.Sort(counts);
        var volumeLift = Math.Max(1, counts[size / 2]) / Math.Max(1, _index.PopulationMedianRequests);
        return new ClusterFeatures
        {
            Synchrony = (double)synchronous / size,
            TemplateConcentration = concentration,
            TemplatePool = thin ? pool : 0,
            TemplatePoolHarvest = thin ? poolHarvest : 0,
            CapabilityConcentration = requests == 0 ? 0 : Clamp(harvest / requests),
            SharedTemplateHarvest = sharedRequests == 0 ? 0 : Clamp(sharedHarvest / sharedRequests),
            ReleasePivot = pivot,
            PaymentSharing = payment / size,
            PathwayMix = pathway / size,
            SignupBurst = SignupBurst(created, _p.SignupBurstMinutes * 60_000L),
            Size = Clamp(Math.Log(size) / Math.Log(Math.Max(2, _p.SizeAtFull))),
            Volume = Clamp(Math.Log(Math.Max(1, volumeLift)) / Math.Log(Math.Max(1.0001, _p.VolumeLiftAtFull))),
            OrgConsistency = OrgConsistency(s, members),
            HarvestSynchrony = (double)harvestSynchronous / size,
            HarvestSpanDays = HarvestSpanDays(members),
            CoUse = (double)coUse / size,
            // A cluster that shares nothing private (no money, no addresses) is read outside the launches' windows.
            GroupSynchrony = GroupSynchrony(members, outsideReleases: concealed == 0 && payment == 0),
            Transparency = transparency,
            OpenOrganisations = openOrganisations,
            OnePerson = (double)onePerson / size,
            Concealment = (double)concealed / size,
            ConcealedInstruments = concealedInstruments.Count,
            MemberCount = size,
            RequestCount = requests,
        };
    }

    /// <summary>For a cluster flagged only on the template pool it holds (flagged, and not with <see cref="ClusterFeatures.TemplatePool"/>
    /// and its harvest set aside), the members who run one of the pool's templates; null for any other cluster.</summary>
    internal HashSet<int>? PoolRunners(int[] members, int label, int[] membership)
    {
        var f = Features(members, label, membership);
        if (f.TemplatePool <= 0 || !Score(f).Flagged || Score(f with { TemplatePool = 0, TemplatePoolHarvest = 0 }).Flagged)
        {
            return null;
        }

        // The pool's marks stay set for the cluster's templates until the next cluster is read.
        var runners = new HashSet<int>();
        foreach (var a in members)
        {
            for (var k = _index.PromptOffsets[a]; k < _index.PromptOffsets[a + 1]; k++)
            {
                if (_templatePooled[_index.PromptIds[k]])
                {
                    runners.Add(a);
                    break;
                }
            }
        }

        return runners;
    }

    public (double Risk, bool Flagged) Score(ClusterFeatures f)
    {
        var z = _p.ScoreBias
            + (_p.ScoreSynchrony * f.Synchrony)
            + (_p.ScoreHarvestSynchrony * f.HarvestSynchrony)
            + (_p.ScoreTemplate * Content(f))
            + (_p.ScoreCapability * Harvesting(f))
            + (_p.ScoreReleasePivot * f.ReleasePivot)
            + (_p.ScorePayment * f.PaymentSharing)
            + (_p.ScorePathway * f.PathwayMix)
            + (_p.ScoreSignupBurst * f.SignupBurst)
            + (_p.ScoreSize * f.Size)
            + (_p.ScoreVolume * f.Volume)
            + (_p.ScoreOrgConsistency * f.OrgConsistency)
            + (_p.ScoreCoUse * f.CoUse)
            + (_p.ScoreGroupSynchrony * f.GroupSynchrony)
            + (_p.ScoreTransparency * Math.Max(0, f.Transparency - f.OrgConsistency))
            + (_p.ScoreConcealment * f.Concealment);
        var risk = 1 / (1 + Math.Exp(-z));
        // Harvesting is read against the population's own share (a data-derived level); a pivot and harvesting in step
        // are signals of their own at the plain threshold.
        var harvests = Harvesting(f) >= HarvestLevel()
            || f.ReleasePivot >= _p.FlagMinHarvest
            || (_p.HarvestSynchronyCountsAsHarvest && f.HarvestSynchrony >= _p.FlagMinHarvest)
            || (_p.GroupSynchronyCountsAsHarvest && f.GroupSynchrony >= _p.FlagMinHarvest)
            || Resells(f);
        // Timing and money are coordination by themselves. Co-use is shared resources, not coordinated behaviour (a VPN
        // provider's users share its exits), so it raises the score but is not a coordination signal of its own.
        var coordination = Math.Max(Math.Max(f.Synchrony, f.GroupSynchrony), f.PaymentSharing);

        // Shared content (templates common across the cluster; co-use of many distinct elements with such templates)
        // is coordination only when the members are also tied through resources an operator holds privately, while
        // not presenting as one organisation (concealment): the users of one public tool share its client string and
        // its default templates without ever having met, and each pays and connects on its own.
        if (f.Concealment >= _p.FlagMinCoordination)
        {
            coordination = Math.Max(coordination, Content(f));
            if (f.CoUse >= _p.FlagMinCoordination && Content(f) >= _p.FlagMinCoUseTemplate)
            {
                coordination = Math.Max(coordination, f.CoUse);
            }
        }
        var coordinated = coordination >= _p.FlagMinCoordination;

        // Openness is counter-evidence on every pathway: members who declare one organisation and write from its own
        // domain hide nothing, so sharing its card, office IP and templates is what a team does, and so is running its
        // evaluation jobs in parallel: such a cluster is not flagged (TransparencyGuardYieldsToHarvestSynchrony, off). One
        // person's accounts are flagged only on sustained harvesting in step (the tolerant pass, on several distinct days).
        // Several organisations, each open on its own, are a weaker claim than one: their guard yields to a release pivot
        // (the move of a campaign's accounts onto each new model), not to harvesting in step, which teams sharing public
        // suites after a release and offices working in shifts show as well. It speaks only for openness the one-organisation
        // reading does not see: a cluster that is one organisation keeps the one-organisation guard and what breaks it.
        var inStep = f.HarvestSynchrony >= _p.FlagMinHarvest;
        var transparentGuard = (f.Transparency >= _p.TransparencyGuardShare && !(inStep && _p.TransparencyGuardYieldsToHarvestSynchrony))
            || (f.OnePerson >= _p.TransparencyGuardShare && !inStep)
            || (_p.TransparencyPerOrganisation && f.OpenOrganisations >= _p.TransparencyGuardShare && f.OpenOrganisations > f.Transparency
                && f.ReleasePivot < _p.FlagMinHarvest);

        // A one-off event (hackathon, class) shares an invoice, a notebook template, harvesting exercises and a sign-up
        // burst because it is one event: those features cannot tell it from a campaign. Only evidence the shared window
        // does not explain counts then: a release pivot, or harvest synchrony (tolerant lockstep on several days).
        var oneOffEvent = _p.OneOffEventMaxSpanDays > 0 && f.HarvestSpanDays <= _p.OneOffEventMaxSpanDays;
        var beyondTheEvent = !oneOffEvent || Math.Max(f.ReleasePivot, f.HarvestSynchrony) >= _p.FlagMinHarvest;
        return (risk, risk >= _p.FlagThreshold && harvests && coordinated && beyondTheEvent && !transparentGuard);
    }

    /// <summary>The harvest share the verdict reads as harvesting: <see cref="DetectionParameters.FlagMinHarvest"/>, or the
    /// population's share plus <see cref="DetectionParameters.FlagMinHarvestExcess"/> of the rest when that is higher.</summary>
    private double HarvestLevel()
    {
        var population = _index.PopulationHarvestShare;
        return Math.Max(_p.FlagMinHarvest, population + (_p.FlagMinHarvestExcess * (1 - population)));
    }

    /// <summary>The reseller reading (<see cref="DetectionParameters.ResellerMinConcealedInstruments"/>): most members share
    /// money, hide who they are and co-use infrastructure, and the money runs through several distinct instruments shared
    /// across organisations. What the farm sells is mostly ordinary traffic, so its harvesting stays at the population's
    /// level; one operator's money spread over many unrelated identities on shared exits is what it cannot hide.</summary>
    private bool Resells(ClusterFeatures f) =>
        _p.ResellerMinConcealedInstruments > 0
        && f.ConcealedInstruments >= _p.ResellerMinConcealedInstruments
        && f.PaymentSharing >= _p.FlagMinCoordination
        && f.Concealment >= _p.FlagMinCoordination
        && f.CoUse >= _p.FlagMinCoordination;

    /// <summary>How much of the cluster runs the templates it shares or holds: the requests' share on them
    /// (<see cref="ClusterFeatures.TemplateConcentration"/>), or the members' share that run a held pool's templates
    /// (<see cref="ClusterFeatures.TemplatePool"/>, 0 unless <see cref="DetectionParameters.TemplatePoolByMembers"/>) when
    /// that is higher: camouflage traffic dilutes the first, not the second.</summary>
    private static double Content(ClusterFeatures f) => Math.Max(f.TemplateConcentration, f.TemplatePool);

    /// <summary>How much the cluster harvests, as the score and the verdict read it: its capability concentration, or the
    /// harvest share of the requests on the templates its members share when that is higher, in proportion to how much of
    /// the traffic those templates carry (full from <see cref="DetectionParameters.FlagMinCoUseTemplate"/>). Resold or
    /// camouflage traffic dilutes a campaign's capability concentration toward the population's, but not the harvest share
    /// of the prompts its accounts run in common; an organisation's shared templates that do ordinary work (an app behind
    /// a gateway) stay at the ordinary share.</summary>
    private double Harvesting(ClusterFeatures f)
    {
        if (!_p.SharedTemplateHarvestCounts)
        {
            return f.CapabilityConcentration;
        }

        var templateShare = _p.FlagMinCoUseTemplate <= 0 ? 1 : Math.Min(1, f.TemplateConcentration / _p.FlagMinCoUseTemplate);
        var poolShare = _p.FlagMinCoordination <= 0 ? 1 : Math.Min(1, f.TemplatePool / _p.FlagMinCoordination);
        return Math.Max(f.CapabilityConcentration, Math.Max(f.SharedTemplateHarvest * templateShare, f.TemplatePoolHarvest * poolShare));
    }

    /// <summary>Marks the touched templates the cluster's concealed members hold (<see cref="DetectionParameters.TemplateHeldMaxPValue"/>:
    /// used by fewer than <paramref name="sharedThreshold"/> members, by two or more concealed ones of more than one
    /// organisation (a member that declares none is its own), and by those far beyond
    /// what their share of all template uses gives by chance); true when the concealed members who each run
    /// <see cref="DetectionParameters.CoUseMinShared"/> or more distinct held templates (the co-use view's bar of several
    /// distinct shared elements) reach the threshold too, so the held templates are a pool the cluster draws from and not a
    /// pair's, a team's or a course's week's own. Only members who hide who they are count: an open team's own prompts are
    /// what a team shares. The caller skips it when fewer concealed members than the threshold are in the cluster.
    /// Beside them, with <see cref="DetectionParameters.TemplatePoolByMembers"/>, the pool the cluster holds (decision D60;
    /// its templates marked in <c>_templatePooled</c> until the next cluster is read): Pool is the share of members who run
    /// one of its templates and PoolHarvest the harvest share of the concealed members' requests on them, both 0 when it
    /// holds none.</summary>
    private (bool Held, double Pool, double PoolHarvest) HeldTemplates(int[] members, bool[] hides, Dictionary<int, long> organisation, int sharedThreshold)
    {
        if (_p.TemplateHeldMaxPValue <= 0)
        {
            return (false, 0, 0);
        }

        long uses = 0;
        var prompting = 0;
        for (var i = 0; i < members.Length; i++)
        {
            if (hides[i])
            {
                var a = members[i];
                uses += _index.PromptOffsets[a + 1] - _index.PromptOffsets[a];
                var whose = Whose(a, organisation);
                var payer = _p.TemplatePoolByMembers ? Payer(a, whose) : whose;
                for (var k = _index.PromptOffsets[a]; k < _index.PromptOffsets[a + 1]; k++)
                {
                    var fp = _index.PromptIds[k];
                    _templateHidden[fp]++;
                    _templateOwner[fp] = _templateOwner[fp] == 0 || _templateOwner[fp] == whose ? whose : SeveralOwners;
                    _templatePayer[fp] = _templatePayer[fp] == 0 || _templatePayer[fp] == payer ? payer : SeveralOwners;
                }

                prompting += _index.PromptOffsets[a + 1] > _index.PromptOffsets[a] ? 1 : 0;
            }
        }

        // Chance is the concealed members' share of all (account, template) uses, not of accounts: members who run more
        // distinct templates than most users meet more of any public template's users without holding it.
        var chance = (double)uses / Math.Max(1, _index.PromptIds.Length);
        var bar = Math.Log(_p.TemplateHeldMaxPValue);
        var tested = 0;
        var held = 0;
        long candidateUses = 0;
        foreach (var fp in _touched)
        {
            var m = _templateHidden[fp];
            var several = _templateOwner[fp] == SeveralOwners;
            var payers = _templatePayer[fp] == SeveralOwners;
            _templateOwner[fp] = 0;
            _templatePayer[fp] = 0;
            // One organisation's own prompts are its team's, however rare: held means shared across identities.
            var candidate = m >= 2 && several && _templateMembers[fp] < sharedThreshold && uses < _index.PromptIds.Length;
            var mark = candidate && LnBinomialTailBound(m, _index.PromptAccountCount[fp], chance) <= bar;
            _templateHeld[fp] = mark;
            // A pool's template is shared across payers too: a team that pays with one card runs its own prompts.
            _templatePooled[fp] = candidate && payers;
            tested += candidate && payers ? 1 : 0;
            held += mark ? 1 : 0;
            candidateUses += candidate ? _index.PromptAccountCount[fp] : 0;
        }

        // The pool's chance is calibrated on the templates the cluster could not hold: the concealed members' share of the
        // uses of the other templates two or more accounts run (members who run many templates meet many of anyone's), and
        // at least their share of the accounts that send prompts at all (when a farm's own prompts are all the shared ones
        // there are, nothing else calibrates it). One-off prompts, which a farm sends by the thousand as camouflage and no
        // one can share, count in neither.
        var pooled = 0;
        if (_p.TemplatePoolByMembers && tested > 0)
        {
            long otherUses = 0;
            for (var i = 0; i < members.Length; i++)
            {
                if (hides[i])
                {
                    var a = members[i];
                    for (var k = _index.PromptOffsets[a]; k < _index.PromptOffsets[a + 1]; k++)
                    {
                        var fp = _index.PromptIds[k];
                        otherUses += _index.PromptAccountCount[fp] >= 2 && !_templatePooled[fp] ? 1 : 0;
                    }
                }
            }

            var allOther = _sharedPromptUses - candidateUses;
            var poolChance = Math.Max((double)prompting / Math.Max(1, _promptingAccounts), allOther > 0 ? (double)otherUses / allOther : 0);
            var screen = Math.Log(_p.TemplatePoolScreenPValue);
            var level = HarvestLevel();
            long pooledUsers = 0;
            foreach (var fp in _touched)
            {
                // Held: most of its users are the cluster's concealed members, and more than chance gives; and a pool's prompt
                // harvests at the level the verdict reads as harvesting (a library a crowd of ordinary users shares does
                // ordinary work).
                _templatePooled[fp] = _templatePooled[fp] && poolChance < 1 && 2 * _templateHidden[fp] > _index.PromptAccountCount[fp]
                    && _templateHarvest[fp] >= level * _templateRequests[fp]
                    && LnBinomialTailBound(_templateHidden[fp], _index.PromptAccountCount[fp], poolChance) <= screen;
                pooled += _templatePooled[fp] ? 1 : 0;
                pooledUsers += _templatePooled[fp] ? _templateHidden[fp] : 0;
            }

            // A pool is spread thin: its templates reach on average under half the share of the members at which a template
            // counts as shared by many (TemplateSharedMemberShare). A course's few exercises each reach a large share of its
            // learners; a farm's accounts each draw a few of hundreds.
            if (pooledUsers * 2 >= pooled * _p.TemplateSharedMemberShare * members.Length)
            {
                pooled = 0;
            }
        }

        foreach (var fp in _touched)
        {
            _templateHidden[fp] = 0;
        }

        var strict = false;
        if (held > 0)
        {
            strict = HeldTemplateUsers(members, hides) >= sharedThreshold;
        }

        // A pool: more templates pass the screen than the tested ones give by chance (each at most the screen's p-value),
        // a Poisson tail at the held level. It is read by members (who runs one of its templates) and by what its requests
        // do, beside the held templates above, which it leaves as they are.
        if (pooled == 0 || LnPoissonTailBound(pooled, _p.TemplatePoolScreenPValue * tested) > bar)
        {
            return (strict, 0, 0);
        }

        var runners = 0;
        long poolRequests = 0;
        var poolHarvest = 0.0;
        for (var i = 0; i < members.Length; i++)
        {
            if (hides[i])
            {
                var a = members[i];
                var runs = false;
                for (var k = _index.PromptOffsets[a]; k < _index.PromptOffsets[a + 1]; k++)
                {
                    if (_templatePooled[_index.PromptIds[k]])
                    {
                        runs = true;
                        poolRequests += _index.PromptCounts[k];
                        poolHarvest += _index.PromptHarvest[k];
                    }
                }

                runners += runs ? 1 : 0;
            }
        }

        return (strict, (double)runners / members.Length, poolRequests == 0 ? 0 : Clamp(poolHarvest / poolRequests));
    }

    /// <summary>The concealed members who run <see cref="DetectionParameters.CoUseMinShared"/> or more distinct held templates.</summary>
    private int HeldTemplateUsers(int[] members, bool[] hides)
    {
        var users = 0;
        for (var i = 0; i < members.Length; i++)
        {
            if (!hides[i])
            {
                continue;
            }

            var a = members[i];
            var distinct = 0;
            for (var k = _index.PromptOffsets[a]; k < _index.PromptOffsets[a + 1] && distinct < _p.CoUseMinShared; k++)
            {
                distinct += _templateHeld[_index.PromptIds[k]] ? 1 : 0;
            }

            users += distinct >= _p.CoUseMinShared ? 1 : 0;
        }

        return users;
    }

    /// <summary>For each member, whether its co-location block (<see cref="Colocation"/>; none when null or −1) holds members
    /// of more than one organisation or identity (a member that declares none is its own): the addresses it shares reach
    /// beyond its organisation, as a private link to another organisation's member does.</summary>
    private static bool[] BlocksAcrossOrganisations(int[] members, int[]? blocks, Dictionary<int, long> organisation)
    {
        var across = new bool[members.Length];
        if (blocks is null)
        {
            return across;
        }

        var owner = new Dictionary<int, long>();
        for (var i = 0; i < members.Length; i++)
        {
            if (blocks[i] >= 0)
            {
                var whose = Whose(members[i], organisation);
                owner[blocks[i]] = !owner.TryGetValue(blocks[i], out var seen) || seen == whose ? whose : SeveralOwners;
            }
        }

        for (var i = 0; i < members.Length; i++)
        {
            across[i] = blocks[i] >= 0 && owner[blocks[i]] == SeveralOwners;
        }

        return across;
    }

    /// <summary>The member's organisation key (shifted past 0), or the member alone (negative) when it declares none.</summary>
    private static long Whose(int account, Dictionary<int, long> organisation) =>
        organisation[account] >= 0 ? organisation[account] + 1 : -(account + 1L);

    /// <summary>The member's payer for the pool reading: its organisation when it declares one, else the smallest instrument
    /// it shares with another account (a team paying with one card is one payer), else the member alone.</summary>
    private long Payer(int account, long whose)
    {
        if (whose > 0)
        {
            return whose;
        }

        var s = _index.Snapshot;
        var smallest = int.MaxValue;
        for (var k = _index.PaymentOffsets[account]; k < _index.PaymentOffsets[account + 1]; k++)
        {
            var instrument = s.PaymentInstrument[_index.PaymentRows[k]];
            smallest = _index.InstrumentAccountCount[instrument] >= 2 ? Math.Min(smallest, instrument) : smallest;
        }

        return smallest == int.MaxValue ? whose : (long)int.MaxValue + 2 + smallest;
    }

    /// <summary>The owner mark of a template whose concealed users belong to more than one organisation or identity.</summary>
    private const long SeveralOwners = long.MinValue;

    /// <summary>ln of the Chernoff bound on P(X ≥ m) for X ~ Binomial(n, p): −n · KL(m/n ‖ p) when m/n &gt; p, else 0
    /// (an upper bound of the tail, so a template is called held only when the exact tail is at least as small).</summary>
    private static double LnBinomialTailBound(int m, int n, double p)
    {
        if (n <= 0 || m <= n * p)
        {
            return 0;
        }

        if (p <= 0)
        {
            return double.NegativeInfinity;
        }

        var q = Math.Min(1.0, (double)m / n);
        var divergence = (q * Math.Log(q / p)) + (q < 1 ? (1 - q) * Math.Log((1 - q) / (1 - p)) : 0);
        return -n * divergence;
    }

    /// <summary>ln of the Chernoff bound on P(X ≥ k) for X ~ Poisson(λ): k ln(λ / k) + k − λ when k &gt; λ, else 0.</summary>
    private static double LnPoissonTailBound(int k, double lambda)
    {
        if (k <= lambda)
        {
            return 0;
        }

        return lambda <= 0 ? double.NegativeInfinity : (k * Math.Log(lambda / k)) + k - lambda;
    }

    /// <summary>Days (hour resolution) between the (1 − share) / 2 and (1 + share) / 2 quantiles of the times of the
    /// members' harvesting requests (capabilities of weight &gt; 0 in <see cref="DetectionParameters.HarvestCapabilities"/>),
    /// read off the hour histogram (cleared again for the next cluster); 0 when there are none. Only harvesting requests
    /// count: participants who keep chatting for weeks after a hackathon must not stretch the event into a campaign.</summary>
    private double HarvestSpanDays(int[] members)
    {
        var s = _index.Snapshot;
        if (_hourCounts is null)
        {
            return HarvestSpanDaysSorted(members);
        }

        int lo = int.MaxValue, hi = -1;
        long total = 0;
        foreach (var a in members)
        {
            int start = s.RequestOffsets[a], end = s.RequestOffsets[a + 1];
            for (var r = start; r < end; r++)
            {
                var capability = s.RequestCapability[r];
                if (capability >= 0 && _harvested[capability])
                {
                    var hour = (int)((s.RequestTsMs[r] - _firstHourMs) / HourMs);
                    _hourCounts[hour]++;
                    lo = Math.Min(lo, hour);
                    hi = Math.Max(hi, hour);
                    total++;
                }
            }
        }

        if (total == 0)
        {
            return 0;
        }

        var tail = (long)Math.Floor(total * (1 - Clamp(_p.HarvestSpanShare)) / 2);
        int first = lo, last = hi;
        for (long seen = _hourCounts[first]; seen <= tail; seen += _hourCounts[first])
        {
            first++;
        }

        for (long seen = _hourCounts[last]; seen <= tail; seen += _hourCounts[last])
        {
            last--;
        }

        Array.Clear(_hourCounts, lo, hi - lo + 1);
        return (last - first + 1) / 24.0;
    }

    /// <summary>Transparency and which members are open: members that declare the cluster's most common organisation
    /// (any pathway but reseller; on the reseller pathway only from the own domain,
    /// <see cref="DetectionParameters.TransparencyResellerOnOwnDomain"/>) and either are on a vetted pathway (enterprise, education, research: the
    /// organisation-consistency case) or write from the organisation's own e-mail domain (the most common domain, used by
    /// at most <see cref="DetectionParameters.TransparencyDomainMaxPopulationFactor"/> × size accounts in the population):
    /// a startup team on one company domain is as open as an enterprise team. With
    /// <see cref="DetectionParameters.TransparencyOwnDomainNamesOrganisation"/>, a member that declares any organisation
    /// and writes from that own domain is open too: the domain, not the spelling of a unit's name, is the organisation.</summary>
    private (double Share, bool[] Open) Transparency(DetectionSnapshot s, int[] members)
    {
        var open = new bool[members.Length];
        var orgs = new Dictionary<int, int>();
        var domains = new Dictionary<int, int>();
        foreach (var a in members)
        {
            if (s.AccountOrgName[a] >= 0 && s.AccountPathway[a] != AccessPathway.Reseller)
            {
                orgs[s.AccountOrgName[a]] = orgs.GetValueOrDefault(s.AccountOrgName[a]) + 1;
            }

            if (s.AccountEmailDomain[a] >= 0)
            {
                domains[s.AccountEmailDomain[a]] = domains.GetValueOrDefault(s.AccountEmailDomain[a]) + 1;
            }
        }

        var org = Top(orgs);
        if (org < 0 && !_p.TransparencyInstitutionDomains)
        {
            return (0, open);
        }

        // The most common domain among the organisation's declarers is its own when few accounts outside use it.
        var domain = Top(domains);
        var ownDomain = domain >= 0 && IsOwnDomain(domain, members.Length);
        var count = 0;
        for (var i = 0; i < members.Length; i++)
        {
            var a = members[i];
            var pathway = s.AccountPathway[a];
            var vetted = Vetted(pathway);
            var onOwnDomain = ownDomain && s.AccountEmailDomain[a] == domain;
            // The domain names the organisation: colleagues on it who spell their unit differently ("X NLP Lab", "X Vision
            // Lab") are as open about it as colleagues who write one name.
            // An address on an institution's domain names the institution, declared or not.
            // A reseller pathway's member is open only on the organisation's own domain (an authorised partner's sub-account).
            open[i] = (pathway != AccessPathway.Reseller || (_p.TransparencyResellerOnOwnDomain && onOwnDomain && s.AccountOrgName[a] >= 0))
                && ((s.AccountOrgName[a] >= 0
                    && ((s.AccountOrgName[a] == org && (vetted || onOwnDomain)) || (onOwnDomain && _p.TransparencyOwnDomainNamesOrganisation)))
                    || (onOwnDomain && _institution[domain]));
            count += open[i] ? 1 : 0;
        }

        return ((double)count / members.Length, open);

        static int Top(Dictionary<int, int> counts)
        {
            int best = -1, bestCount = 0;
            foreach (var (key, c) in counts)
            {
                if (c > bestCount || (c == bestCount && key < best))
                {
                    (best, bestCount) = (key, c);
                }
            }

            return best;
        }
    }

    /// <summary>
    /// Group synchrony: the members' harvesting requests become distinct buckets; the statistic is the number of
    /// co-active member pairs, Σ over buckets of C(active members, 2). The null shuffles each member's days on its own:
    /// every day of the member's active span goes to a random day of the same weekday inside that span, with its
    /// buckets unchanged within the day. So every member keeps its volume, its time-of-day and day-of-week rhythm (a
    /// nightly job stays nightly, office hours stay on weekdays) and the period it was active in (members who joined at
    /// different times and stayed to the end still overlap at the end); only the alignment of their days is broken. A
    /// random-subset load balancer makes no pair meet more often than chance, yet each tick's subset is co-active, which
    /// this statistic sees; members at independent times are co-active as often as their shuffled selves. Members active
    /// under two weeks move as a block. A second null moves each member as a block over the data (it also breaks shared
    /// activity windows); it counts only when the excess over it is at least
    /// <see cref="DetectionParameters.GroupSyncShiftMinRatio"/>-fold. Block moves are by whole weeks
    /// (<see cref="DetectionParameters.GroupSyncWholeWeeks"/>), so a shared weekly calendar is in both nulls.
    /// </summary>
    private double GroupSynchrony(int[] members, bool outsideReleases)
    {
        var s = _index.Snapshot;
        if (_syncCounts.Length == 0 || members.Length < _p.GroupSyncMinMembers)
        {
            return 0;
        }

        var perDay = _syncBucketsPerDay;
        var bucketMs = DayMs / perDay;
        var days = _syncCounts.Length / perDay;
        var offsets = new List<int>(members.Length + 1) { 0 };
        var buckets = new List<int>();
        foreach (var a in members)
        {
            var last = -1;
            for (var r = s.RequestOffsets[a]; r < s.RequestOffsets[a + 1]; r++)
            {
                var c = s.RequestCapability[r];
                if (c < 0 || !_harvested[c])
                {
                    continue;
                }

                var b = (int)((s.RequestTsMs[r] - _firstHourMs) / bucketMs);
                if (b != last && (!outsideReleases || _afterRelease.Length == 0 || !_afterRelease[b]))
                {
                    buckets.Add(b);
                    last = b;
                }
            }

            if (buckets.Count > offsets[^1])
            {
                offsets.Add(buckets.Count);
            }
        }

        var active = offsets.Count - 1;
        if (active < _p.GroupSyncMinMembers || days < 2)
        {
            return 0;
        }

        // Each bucket's day, once: the nulls move days and keep the place in the day, and the counts by day are read per
        // bucket in every shuffle (divisions there cost more than the counting).
        var bucketOf = CollectionsMarshal.AsSpan(buckets);
        var dayOf = new int[bucketOf.Length];
        for (var k = 0; k < dayOf.Length; k++)
        {
            dayOf[k] = bucketOf[k] / perDay;
        }

        var observedByDay = new double[days];
        var observed = CoActivePairs(bucketOf, dayOf, observedByDay, _syncCounts);
        var seed = ((ulong)members[0] * 0x9E3779B97F4A7C15UL) ^ (ulong)_p.ClusteringSeed;
        (double Z, double Ratio) own = default, shifted = default;
        if ((long)buckets.Count * _p.GroupSyncShuffles < ParallelNullsAboveWork)
        {
            own = Excess(offsets, buckets, dayOf, days, observed, observedByDay, withinOwnSpan: true, seed, _syncCounts);
            shifted = Excess(offsets, buckets, dayOf, days, observed, observedByDay, withinOwnSpan: false, seed, _syncCounts);
        }
        else
        {
            // The two nulls draw from their own copies of the seed and count on their own counters, so they run side by
            // side with the same results as one after the other.
            var shiftedCounts = _shiftedSyncCounts ??= new int[_syncCounts.Length];
            Parallel.Invoke(
                () => own = Excess(offsets, buckets, dayOf, days, observed, observedByDay, withinOwnSpan: true, seed, _syncCounts),
                () => shifted = Excess(offsets, buckets, dayOf, days, observed, observedByDay, withinOwnSpan: false, seed, shiftedCounts));
        }

        // The members' own-span null is the synchrony test; the whole-day shift over the data counts only when the
        // excess is large (at least GroupSyncShiftMinRatio × its null), because for a large group any shared trend (a
        // cohort that joined over weeks and stayed, weekday work) is a small excess over it with a large z.
        var z = Math.Max(own.Z, shifted.Ratio >= _p.GroupSyncShiftMinRatio ? shifted.Z : double.NegativeInfinity);
        return Clamp((z - _p.GroupSyncMinZ) / Math.Max(1e-9, _p.GroupSyncZAtFull - _p.GroupSyncMinZ));
    }

    /// <summary>
    /// z-score and ratio of the observed co-active pairs against one null (−∞ when the excess shows on fewer than
    /// <see cref="DetectionParameters.GroupSyncMinDays"/> days). <paramref name="withinOwnSpan"/>: every day of a member's
    /// span goes to a random day of the same weekday inside that span (members under two weeks move as a block);
    /// otherwise each member moves as a block, circularly over the data. A block moves by a random whole number of weeks
    /// (<see cref="DetectionParameters.GroupSyncWholeWeeks"/>, data of four weeks or more) or days.
    /// </summary>
    private (double Z, double Ratio) Excess(List<int> offsets, List<int> buckets, int[] dayOf, int days, double observed, double[] observedByDay,
        bool withinOwnSpan, ulong state, int[] counts)
    {
        var perDay = _syncBucketsPerDay;
        var active = offsets.Count - 1;
        var nullByDay = new double[days];
        var shuffles = Math.Clamp(_p.GroupSyncShuffles, 2, 64);
        var moved = new int[dayOf.Length];
        var movedDay = new int[dayOf.Length];
        var dayMap = new int[days];
        // Moves by whole weeks go round the data's whole weeks (a day past them lands inside, on its own weekday). Data
        // under four weeks moves by days: with two or three weeks to go to, one pair in two or three would stay together.
        var step = _p.GroupSyncWholeWeeks && days >= 4 * WeekDays ? WeekDays : 1;
        var cycle = days / step * step;
        double sum = 0, sumSquares = 0;
        for (var t = 0; t < shuffles; t++)
        {
            for (var m = 0; m < active; m++)
            {
                var first = dayOf[offsets[m]];
                var lastDay = dayOf[offsets[m + 1] - 1];
                var permute = withinOwnSpan && lastDay - first + 1 >= 2 * WeekDays;
                if (!permute)
                {
                    var by = (int)(Next(ref state) % (ulong)(cycle / step)) * step;
                    for (var d = first; d <= lastDay; d++)
                    {
                        dayMap[d] = (d + by) % cycle;
                    }
                }

                for (var weekday = 0; permute && weekday < WeekDays; weekday++)
                {
                    // Fisher–Yates over the member's days of this weekday (first + weekday, + 7, ...).
                    var count = ((lastDay - first - weekday) / WeekDays) + 1;
                    for (var i = 0; i < count; i++)
                    {
                        dayMap[first + weekday + (i * WeekDays)] = first + weekday + (i * WeekDays);
                    }

                    for (var i = count - 1; i > 0; i--)
                    {
                        var j = (int)(Next(ref state) % (ulong)(i + 1));
                        int x = first + weekday + (i * WeekDays), y = first + weekday + (j * WeekDays);
                        (dayMap[x], dayMap[y]) = (dayMap[y], dayMap[x]);
                    }
                }

                for (var k = offsets[m]; k < offsets[m + 1]; k++)
                {
                    var day = dayMap[dayOf[k]];
                    movedDay[k] = day;
                    moved[k] = buckets[k] + ((day - dayOf[k]) * perDay);
                }
            }

            var value = CoActivePairs(moved, movedDay, nullByDay, counts);
            sum += value;
            sumSquares += value * value;
        }

        // Sustained, not one event: the excess must show on several distinct days (a hackathon's 36 hours are co-active
        // far beyond any shift of its members, but on one or two days only).
        var excessDays = 0;
        for (var d = 0; d < days; d++)
        {
            var expected = nullByDay[d] / shuffles;
            excessDays += observedByDay[d] > expected + (3 * Math.Sqrt(expected)) + 1 ? 1 : 0;
        }

        var mean = sum / shuffles;
        if (excessDays < _p.GroupSyncMinDays)
        {
            return (double.NegativeInfinity, observed / Math.Max(1, mean));
        }

        var sd = Math.Sqrt(Math.Max(0, (sumSquares / shuffles) - (mean * mean)));
        return ((observed - mean) / Math.Max(1, Math.Max(sd, Math.Sqrt(mean))), observed / Math.Max(1, mean));
    }

    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Co-active pairs over the given member buckets (Σ over buckets of C(members there, 2)), also per day
    /// (<paramref name="dayOf"/>: each bucket's day); clears the counters it used.</summary>
    private static double CoActivePairs(ReadOnlySpan<int> buckets, int[] dayOf, double[] byDay, int[] counts)
    {
        var pairs = 0.0;
        for (var k = 0; k < buckets.Length; k++)
        {
            var together = counts[buckets[k]]++;
            pairs += together;
            byDay[dayOf[k]] += together;
        }

        foreach (var b in buckets)
        {
            counts[b] = 0;
        }

        return pairs;
    }

    /// <summary><see cref="HarvestSpanDays"/> without the histogram: the same quantile hours read off the sorted hours.</summary>
    private double HarvestSpanDaysSorted(int[] members)
    {
        var s = _index.Snapshot;
        var hours = new List<long>();
        foreach (var a in members)
        {
            for (var r = s.RequestOffsets[a]; r < s.RequestOffsets[a + 1]; r++)
            {
                var capability = s.RequestCapability[r];
                if (capability >= 0 && _harvested[capability])
                {
                    hours.Add((s.RequestTsMs[r] - _firstHourMs) / HourMs);
                }
            }
        }

        if (hours.Count == 0)
        {
            return 0;
        }

        hours.Sort();
        var tail = (int)Math.Floor(hours.Count * (1 - Clamp(_p.HarvestSpanShare)) / 2);
        return (hours[hours.Count - 1 - tail] - hours[tail] + 1) / 24.0;
    }

    private static double SignupBurst(long[] created, long windowMs)
    {
        Array.Sort(created);
        var burst = 0;
        for (var i = 0; i < created.Length; i++)
        {
            var near = (i > 0 && created[i] - created[i - 1] <= windowMs)
                || (i + 1 < created.Length && created[i + 1] - created[i] <= windowMs);
            burst += near ? 1 : 0;
        }

        return (double)burst / created.Length;
    }

    private static double OrgConsistency(DetectionSnapshot s, int[] members)
    {
        var counts = new Dictionary<int, int>();
        foreach (var a in members)
        {
            var org = s.AccountOrgName[a];
            var pathway = s.AccountPathway[a];
            if (org >= 0 && Vetted(pathway))
            {
                counts[org] = counts.GetValueOrDefault(org) + 1;
            }
        }

        var best = 0;
        foreach (var c in counts.Values)
        {
            best = Math.Max(best, c);
        }

        return best < 2 ? 0 : (double)best / members.Length;
    }

    /// <summary>
    /// Co-location: how often members meet each other on their IP addresses, against what the addresses' populations
    /// predict for a random set of this many accounts (an address with d accounts holds each of the other m − 1 members
    /// with probability (d − 1) / (N − 1)). When the members meet ≥ <see cref="DetectionParameters.ColocationMinLift"/>
    /// times that often and the excess is beyond <see cref="DetectionParameters.CoUseMaxPValue"/> under a Poisson null,
    /// every member on an address with another member is marked as tied in <paramref name="tied"/>. Busy exits are what
    /// the per-pair views cannot use (an exit with hundreds of accounts is ordinary to a pair); a group that fills the
    /// same exits far beyond its share of their users is not ordinary.
    /// </summary>
    /// <returns>The block of each member so marked (<see cref="Blocks"/>; −1 for the others), or null when the members do
    /// not meet beyond chance.</returns>
    private int[]? Colocation(int[] members, bool[] tied)
    {
        var (observed, expected) = ColocationView.Meetings(_index, members, _ipMembers);
        var colocated = new bool[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            // Whom the member meets on its shared addresses: the cluster's other members (and, once counted, the members
            // of flagged clusters: the rest of an operator's pool), against everyone there.
            long inside = 0, everyone = 0;
            foreach (var ip in _index.IpsOf(members[i]))
            {
                if (_ipMembers[ip] > 1)
                {
                    inside += _ipMembers[ip] - 1 + (_flaggedOnIp?[ip] ?? 0);
                    everyone += _index.IpAccountCount[ip] - 1;
                }
            }

            colocated[i] = inside > 0 && inside >= _p.ColocationMinInsideShare * everyone;
        }

        var blocks = Blocks(members, colocated);
        foreach (var a in members)
        {
            foreach (var ip in _index.IpsOf(a))
            {
                _ipMembers[ip] = 0;
            }
        }

        if (observed <= 0 || observed < _p.ColocationMinLift * expected
            || CoUseView.Log10PoissonTail(expected, (int)Math.Min(int.MaxValue, observed)) > Math.Log10(_p.CoUseMaxPValue))
        {
            return null;
        }

        for (var i = 0; i < members.Length; i++)
        {
            tied[i] |= colocated[i];
        }

        return blocks;
    }

    /// <summary>The co-location block of each member (−1 when not co-located): the groups of co-located members joined
    /// through addresses they share (<see cref="DetectionParameters.TransparencyOnePersonBlocks"/>), or one block of them
    /// all. Reads <c>_ipMembers</c> before it is cleared.</summary>
    private int[] Blocks(int[] members, bool[] colocated)
    {
        var block = new int[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            block[i] = !colocated[i] ? -1 : _p.TransparencyOnePersonBlocks ? i : 0;
        }

        if (!_p.TransparencyOnePersonBlocks)
        {
            return block;
        }

        var firstOnIp = new Dictionary<int, int>();
        for (var i = 0; i < members.Length; i++)
        {
            if (!colocated[i])
            {
                continue;
            }

            foreach (var ip in _index.IpsOf(members[i]))
            {
                if (_ipMembers[ip] <= 1)
                {
                    continue;
                }

                if (firstOnIp.TryGetValue(ip, out var j))
                {
                    block[Root(block, i)] = Root(block, j);
                }
                else
                {
                    firstOnIp[ip] = i;
                }
            }
        }

        for (var i = 0; i < members.Length; i++)
        {
            block[i] = colocated[i] ? Root(block, i) : -1;
        }

        return block;
    }

    internal static int Root(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    /// <summary>
    /// Counts, per address, the accounts of <paramref name="flagged"/> clusters, which <see cref="Features"/> then reads as
    /// inside when it weighs a member's shared addresses (<see cref="DetectionParameters.ColocationMinInsideShare"/>): a
    /// piece of an operator's exit pool that the clustering split off meets the rest of the pool there, not a crowd. Only
    /// for scoring clusters that are not among <paramref name="flagged"/>; null stops it.
    /// </summary>
    public void CountFlaggedNeighbours(IEnumerable<int[]>? flagged)
    {
        if (flagged is null)
        {
            _flaggedOnIp = null;
            return;
        }

        _flaggedOnIp = new int[_index.IpAccountCount.Length];
        foreach (var members in flagged)
        {
            foreach (var a in members)
            {
                foreach (var ip in _index.IpsOf(a))
                {
                    _flaggedOnIp[ip]++;
                }
            }
        }
    }

    /// <summary>Whether any of <paramref name="members"/> shares an address with an account of a flagged cluster
    /// (<see cref="CountFlaggedNeighbours"/>).</summary>
    public bool MeetsFlagged(int[] members)
    {
        if (_flaggedOnIp is null)
        {
            return false;
        }

        foreach (var a in members)
        {
            foreach (var ip in _index.IpsOf(a))
            {
                if (_flaggedOnIp[ip] > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Templates and client strings: content anyone running the same software produces.</summary>
    private static bool IsContent(CoUseKind kind) => kind is CoUseKind.Template or CoUseKind.Client;

    /// <summary>A tie through what an operator holds privately: money, an address, co-use of addresses or instruments, a
    /// co-location block (not timing, not public content).</summary>
    private bool IsPrivate(int link) => _links.Rule[link] switch
    {
        LinkRule.SharedPayment or LinkRule.SharedIp or LinkRule.Colocation => true,
        LinkRule.CoUse => !IsContent((CoUseKind)_links.Aux[link]),
        _ => false,
    };

    /// <summary>
    /// Each member's organisation as this cluster shows it (<see cref="OpenOrganisations"/> and the private ties across
    /// organisations read it): the e-mail domain the member writes from when it declares an organisation (any pathway but
    /// the reseller one) and that domain is the declarers' own here (<see cref="DetectionParameters.TransparencyOwnDomainNamesOrganisation"/>:
    /// at most <see cref="DetectionParameters.TransparencyDomainMaxPopulationFactor"/> × the cluster's declarers on it
    /// use it in the whole population); for a member elsewhere (webmail), the own domain from which a colleague here
    /// declares the same name; else the declared name; −1 for a member that declares none. Keys of domains and of names
    /// never collide (domains above 2³²).
    /// </summary>
    private Dictionary<int, long> OrganisationKeys(DetectionSnapshot s, int[] members)
    {
        var onDomain = new Dictionary<int, int>();
        foreach (var a in members)
        {
            if (Declares(s, a) && s.AccountEmailDomain[a] >= 0)
            {
                onDomain[s.AccountEmailDomain[a]] = onDomain.GetValueOrDefault(s.AccountEmailDomain[a]) + 1;
            }
        }

        // A name declared from an own domain belongs to that domain's organisation, also for colleagues on webmail.
        var domainOfName = new Dictionary<int, int>();
        foreach (var a in members)
        {
            if (OwnDomain(a) is var domain and >= 0)
            {
                var name = s.AccountOrgName[a];
                domainOfName[name] = Math.Min(domain, domainOfName.GetValueOrDefault(name, int.MaxValue));
            }
        }

        var keys = new Dictionary<int, long>(members.Length);
        foreach (var a in members)
        {
            keys[a] = !Declares(s, a) ? (s.AccountPathway[a] != AccessPathway.Reseller && s.AccountEmailDomain[a] is var own and >= 0 && _institution[own] ? DomainKeyBase + own : -1)
                : OwnDomain(a) is var domain and >= 0 ? DomainKeyBase + domain
                : domainOfName.TryGetValue(s.AccountOrgName[a], out var named) ? DomainKeyBase + named
                : s.AccountOrgName[a];
        }

        return keys;

        int OwnDomain(int a) => _p.TransparencyOwnDomainNamesOrganisation && Declares(s, a) && s.AccountEmailDomain[a] is var d and >= 0
            && IsOwnDomain(d, onDomain[d]) ? d : -1;
    }

    private const long DomainKeyBase = 1L << 32;

    /// <summary>Whether the e-mail domain is an institution's (<see cref="InstitutionDomains"/>).</summary>
    internal bool IsInstitution(int domain) => _institution[domain];

    /// <summary>A domain is the cluster's organisation's own when few accounts outside the cluster use it
    /// (<see cref="DetectionParameters.TransparencyDomainMaxPopulationFactor"/>) or it is an institution's
    /// (<see cref="DetectionParameters.TransparencyInstitutionDomains"/>), however many of its people sit elsewhere.</summary>
    private bool IsOwnDomain(int domain, int here) =>
        _domainPopulation[domain] <= _p.TransparencyDomainMaxPopulationFactor * here || _institution[domain];

    /// <summary>Which e-mail domains are an institution's, read off the (active) population: the names declared by at
    /// least two accounts on it together cover at least 1 / <see cref="DetectionParameters.TransparencyDomainMaxPopulationFactor"/>
    /// of the accounts on it that declare a name (a university's labs name themselves too; an operator's invented
    /// institutes are one account's each), the accounts that declare such a name or sit on a vetted pathway (enterprise,
    /// education, security research) without naming one are at least that share of the domain's accounts, and at least
    /// two of them are on a vetted pathway (the provider checked addresses on this domain). A university's or a company's
    /// domain passes whatever the size of the cluster at hand; a webmail provider's users declare many names or none, and
    /// self-serve users on it are not checked.</summary>
    private bool[] InstitutionDomains(DetectionSnapshot s, DetectionParameters p)
    {
        var names = new Dictionary<(int Domain, int Name), int>();
        var declarers = new int[s.EmailDomains.Length];
        for (var a = 0; a < s.AccountCount; a++)
        {
            if (s.AccountEmailDomain[a] is var d and >= 0 && Declares(s, a) && Active(a))
            {
                names[(d, s.AccountOrgName[a])] = names.GetValueOrDefault((d, s.AccountOrgName[a])) + 1;
                declarers[d]++;
            }
        }

        // The names the domain's people give their units: each declared by at least two accounts on it (an operator's
        // invented institutes are one account's each).
        var units = new int[s.EmailDomains.Length];
        foreach (var ((d, _), count) in names)
        {
            units[d] += count >= 2 ? count : 0;
        }

        var vouched = new int[s.EmailDomains.Length];
        var vetted = new int[s.EmailDomains.Length];
        for (var a = 0; a < s.AccountCount; a++)
        {
            if (s.AccountEmailDomain[a] is var d and >= 0 && units[d] > 0 && Active(a) && s.AccountPathway[a] != AccessPathway.Reseller)
            {
                var name = s.AccountOrgName[a];
                var checkedAddress = Vetted(s.AccountPathway[a]);
                var vouches = (name >= 0 && names[(d, name)] >= 2) || (checkedAddress && name < 0);
                vouched[d] += vouches ? 1 : 0;
                vetted[d] += vouches && checkedAddress ? 1 : 0;
            }
        }

        var institution = new bool[s.EmailDomains.Length];
        for (var d = 0; d < institution.Length; d++)
        {
            institution[d] = vetted[d] >= 2
                && units[d] * p.TransparencyDomainMaxPopulationFactor >= declarers[d]
                && vouched[d] * p.TransparencyDomainMaxPopulationFactor >= _domainPopulation[d];
        }

        return institution;

        bool Active(int a) => !p.TransparencyActivePopulation || s.RequestOffsets[a] < s.RequestOffsets[a + 1];
    }

    /// <summary>Each account's display name compared case- and space-insensitively (−1 for none), how many accounts carry
    /// each, and how many carry one at all.</summary>
    private static (int[] Person, int[] Population, int Named) People(DetectionSnapshot s)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var ofName = new int[s.DisplayNames.Length];
        for (var n = 0; n < ofName.Length; n++)
        {
            var key = string.Join(' ', s.DisplayNames[n].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
            ofName[n] = key.Length == 0 ? -1 : ids.TryGetValue(key, out var id) ? id : ids[key] = ids.Count;
        }

        var person = new int[s.AccountCount];
        var population = new int[ids.Count];
        var named = 0;
        for (var a = 0; a < person.Length; a++)
        {
            var n = s.AccountDisplayName[a];
            person[a] = n >= 0 ? ofName[n] : -1;
            if (person[a] >= 0)
            {
                population[person[a]]++;
                named++;
            }
        }

        return (person, population, named);
    }

    /// <summary>Which members are one named person with the members they are tied to: tied at all, every private tie
    /// reaching a member with the same display name (<paramref name="tiedToAnother"/>; a co-location block counts as a tie
    /// to every member in it, <paramref name="blocks"/>), and the name rare enough that the other members carrying it
    /// are not chance (<see cref="DetectionParameters.TransparencyOnePerson"/>, <see cref="DetectionParameters.OnePersonMaxPValue"/>).</summary>
    private bool[] OnePerson(int[] members, bool[] tied, bool[] tiedToAnother, int[]? blocks, int[] partnerName)
    {
        var person = new bool[members.Length];
        if (!_p.TransparencyOnePerson || _named < 2)
        {
            return person;
        }

        var here = new Dictionary<int, int>();
        foreach (var a in members)
        {
            if (_person[a] >= 0)
            {
                here[_person[a]] = here.GetValueOrDefault(_person[a]) + 1;
            }
        }

        // A co-location block ties its members to each other as a group: one person only when the block shows one name
        // (members without a name do not show another). Per block: −2 no name yet, −1 several.
        var shown = new Dictionary<int, int>();
        for (var i = 0; blocks is not null && i < members.Length; i++)
        {
            if (blocks[i] >= 0 && (_person[members[i]] >= 0 || !_p.TransparencyOnePersonUnnamed))
            {
                var name = shown.GetValueOrDefault(blocks[i], -2);
                shown[blocks[i]] = name == -2 || name == _person[members[i]] ? _person[members[i]] : -1;
            }
        }

        // Whether member i's block (if any) shows only the given name.
        bool BlockShows(int i, int name) => blocks is null || blocks[i] < 0 || shown.GetValueOrDefault(blocks[i], -2) == name;

        // A name no other member carries: the member is one person with its unnamed side accounts when they are tied to
        // nothing but it and it shares a card with them that nobody else holds (TransparencyOnePersonSideAccount).
        var sides = new Dictionary<int, List<int>>();
        for (var i = 0; _p.TransparencyOnePersonUnnamed && _p.TransparencyOnePersonSideAccount && i < members.Length; i++)
        {
            if (_person[members[i]] < 0 && tied[i] && partnerName[i] >= 0 && BlockShows(i, partnerName[i]))
            {
                (sides.TryGetValue(partnerName[i], out var list) ? list : sides[partnerName[i]] = []).Add(members[i]);
            }
        }

        var maxLog = Math.Log(_p.OnePersonMaxPValue);
        for (var i = 0; i < members.Length; i++)
        {
            var name = _person[members[i]];
            if (name < 0 || !tied[i] || tiedToAnother[i] || !BlockShows(i, name))
            {
                continue;
            }

            if (here[name] < 2)
            {
                person[i] = sides.TryGetValue(name, out var side) && HoldOneCard(members[i], side);
                continue;
            }

            // The chance that the other members carrying the name carry it by coincidence: each is an account of the
            // population, which carries this name with probability (carriers − 1) / (named accounts − 1).
            var share = (double)(_personPopulation[name] - 1) / (_named - 1);
            person[i] = (here[name] - 1) * Math.Log(share) <= maxLog;
        }

        // A member without a name whose private ties all reach members of one person (and no unnamed account) is that
        // person's account too: a side project opened without filling in the profile.
        if (_p.TransparencyOnePersonUnnamed)
        {
            var personName = new HashSet<int>();
            for (var i = 0; i < members.Length; i++)
            {
                if (person[i])
                {
                    personName.Add(_person[members[i]]);
                }
            }

            for (var i = 0; i < members.Length; i++)
            {
                person[i] |= _person[members[i]] < 0 && tied[i] && partnerName[i] >= 0 && personName.Contains(partnerName[i])
                    && BlockShows(i, partnerName[i]);
            }
        }

        return person;
    }

    /// <summary>Unnamed members tied to each other (<paramref name="unnamedTies"/>, account pairs, each seen from both ends)
    /// form groups; a group whose named partners all show one name gives every member that name as its partner's
    /// (<see cref="DetectionParameters.TransparencyOnePersonSideAccountGroups"/>): a person's personal account and two side
    /// projects opened without a name, on one card and one home, are tied to each other as much as to the person. A group
    /// that reaches several names, or none, leaves every member with no single partner name (−1).</summary>
    private static void SideAccountGroups(int[] members, List<(int A, int B)> unnamedTies, int[] partnerName)
    {
        var position = new Dictionary<int, int>(members.Length);
        for (var i = 0; i < members.Length; i++)
        {
            position[members[i]] = i;
        }

        var root = new int[members.Length];
        for (var i = 0; i < root.Length; i++)
        {
            root[i] = i;
        }

        foreach (var (a, b) in unnamedTies)
        {
            root[Root(root, position[a])] = Root(root, position[b]);
        }

        // Per group: −2 no named partner yet, −1 several (or a member that already reaches several), else the one name.
        var name = new Dictionary<int, int>();
        foreach (var (a, _) in unnamedTies)
        {
            var i = position[a];
            var group = Root(root, i);
            var seen = name.GetValueOrDefault(group, -2);
            name[group] = partnerName[i] == -2 ? seen : seen == -2 || seen == partnerName[i] ? partnerName[i] : -1;
        }

        foreach (var (a, _) in unnamedTies)
        {
            var i = position[a];
            var shown = name[Root(root, i)];
            partnerName[i] = shown >= 0 ? shown : -1;
        }
    }

    /// <summary>Whether <paramref name="account"/> shares a payment instrument with some of <paramref name="others"/> that no
    /// account outside them holds.</summary>
    private bool HoldOneCard(int account, List<int> others)
    {
        var s = _index.Snapshot;
        for (var k = _index.PaymentOffsets[account]; k < _index.PaymentOffsets[account + 1]; k++)
        {
            var instrument = s.PaymentInstrument[_index.PaymentRows[k]];
            var holders = 1;
            foreach (var other in others)
            {
                for (var m = _index.PaymentOffsets[other]; m < _index.PaymentOffsets[other + 1]; m++)
                {
                    if (s.PaymentInstrument[_index.PaymentRows[m]] == instrument)
                    {
                        holders++;
                        break;
                    }
                }
            }

            if (holders >= 2 && holders == _index.InstrumentAccountCount[instrument])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The pathways on which the provider checked who the account is (enterprise, education, security research).</summary>
    internal static bool Vetted(AccessPathway pathway) =>
        pathway is AccessPathway.Enterprise or AccessPathway.Education or AccessPathway.SecurityResearch;

    private static bool Declares(DetectionSnapshot s, int account) =>
        s.AccountOrgName[account] >= 0 && s.AccountPathway[account] != AccessPathway.Reseller;

    /// <summary>
    /// Share of members open about their own organisation, each judged against the organisation it declares rather than
    /// the cluster's most common one (a cluster Leiden built from several open teams that run the same public suites is as
    /// open as one team). An organisation is the member's own e-mail domain when that domain is its declarers' own here
    /// (<see cref="OrganisationKeys"/>: a lab whose members spell their unit three ways on the university's domain is one),
    /// else the declared name. A member counts when it declares an organisation on any pathway but the reseller one and
    /// writes from its organisation's own domain, is on a vetted pathway, or shares the declared name with another member
    /// while the organisation has an own domain here or the name is rare in the population (at most
    /// <see cref="DetectionParameters.TransparencyDomainMaxPopulationFactor"/> × its declarers here: a workplace named by
    /// colleagues, some on its domain and some on webmail, not a common word) — and none of its private ties inside the
    /// cluster (<paramref name="tiedAcross"/>: money, addresses) reaches a member of another organisation or an undeclared
    /// one. Teams keep their cards and offices to themselves; a scheme of pretend organisations shares them across.
    /// <paramref name="openMember"/> receives which members count.
    /// </summary>
    private double OpenOrganisations(DetectionSnapshot s, int[] members, Dictionary<int, long> organisation, bool[] tiedAcross, bool[] openMember)
    {
        var declarers = new Dictionary<long, int>();
        var domains = new Dictionary<(long Org, int Domain), int>();
        foreach (var a in members)
        {
            var org = organisation[a];
            if (org < 0)
            {
                continue;
            }

            declarers[org] = declarers.GetValueOrDefault(org) + 1;
            if (s.AccountEmailDomain[a] >= 0)
            {
                domains[(org, s.AccountEmailDomain[a])] = domains.GetValueOrDefault((org, s.AccountEmailDomain[a])) + 1;
            }
        }

        if (declarers.Count == 0)
        {
            return 0;
        }

        // Each named organisation's own domain: the most common domain among its declarers, when few accounts outside use it.
        var own = new Dictionary<long, (int Domain, int Count)>();
        foreach (var ((org, domain), count) in domains)
        {
            if (!own.TryGetValue(org, out var best) || count > best.Count || (count == best.Count && domain < best.Domain))
            {
                own[org] = (domain, count);
            }
        }

        var open = 0;
        for (var i = 0; i < members.Length; i++)
        {
            var a = members[i];
            var org = organisation[a];
            if (org < 0 || tiedAcross[i])
            {
                continue;
            }

            if (org >= DomainKeyBase)
            {
                open++;
                openMember[i] = true;
                continue;
            }

            var k = declarers[org];
            var name = s.AccountOrgName[a];
            var vetted = Vetted(s.AccountPathway[a]);
            var hasOwnDomain = own.TryGetValue(org, out var d) && IsOwnDomain(d.Domain, k);
            var named = k >= 2 && (hasOwnDomain || _orgPopulation[name] <= _p.TransparencyDomainMaxPopulationFactor * k);
            // A vetted pathway vouches for the account, not for an organisation no colleague here or own domain confirms.
            openMember[i] = (vetted && (k >= 2 || hasOwnDomain)) || (hasOwnDomain && s.AccountEmailDomain[a] == d.Domain) || named;
            open += openMember[i] ? 1 : 0;
        }

        return (double)open / members.Length;
    }

    private static double Clamp(double x) => double.IsNaN(x) ? 0 : Math.Clamp(x, 0, 1);
}
