using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Computes a cluster's features and its riskScore = sigmoid(bias + Σ weight × feature), and the verdict:
/// flagged only when the score, a harvesting signal and a coordination signal all pass their thresholds.
/// Reuses scratch arrays across clusters (one scorer per detection, not thread-safe).
/// </summary>
internal sealed class ClusterScorer
{
    private readonly AccountIndex _index;
    private readonly LinkSet _links;
    private readonly DetectionParameters _p;
    private readonly double[] _pathwayRisk;
    private readonly int[] _templateMembers;
    private readonly long[] _templateRequests;
    private readonly List<int> _touched = [];
    private readonly long _firstHourMs;
    private readonly int[]? _hourCounts;
    private readonly bool[] _harvested;

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
        _templateRequests = new long[index.Snapshot.PromptFingerprints.Length];

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
    }

    private const long HourMs = 3_600_000;

    /// <summary>About 120 years of hours (4 MiB of counters).</summary>
    private const long MaxHistogramHours = 1L << 20;

    public ClusterFeatures Features(int[] members, int label, int[] membership)
    {
        var s = _index.Snapshot;
        var size = members.Length;
        int synchronous = 0, harvestSynchronous = 0;
        double payment = 0, pathway = 0, harvest = 0;
        long requests = 0, pivotOn = 0, pivotAll = 0;
        var counts = new int[size];
        var created = new long[size];
        for (var i = 0; i < size; i++)
        {
            var a = members[i];
            var inLockstep = false;
            var inHarvestLockstep = false;
            var paid = 0.0;
            foreach (var link in _links.LinksOf(a))
            {
                if (membership[_links.Other(link, a)] != label)
                {
                    continue;
                }

                if (_links.Rule[link] == LinkRule.Lockstep)
                {
                    inLockstep = true;
                    inHarvestLockstep |= _links.Aux[link] == 1;
                }
                else if (_links.Rule[link] == LinkRule.SharedPayment)
                {
                    paid = Math.Max(paid, _links.Aux[link] == 1 ? _p.EnterpriseOrgCardFactor : 1);
                }
            }

            synchronous += inLockstep ? 1 : 0;
            harvestSynchronous += inHarvestLockstep ? 1 : 0;
            payment += paid;
            pathway += _pathwayRisk[(int)s.AccountPathway[a]];
            harvest += _index.HarvestWeight[a];
            requests += _index.RequestCount[a];
            pivotOn += _index.PivotOn[a];
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
            }
        }

        var sharedThreshold = Math.Max(2, (int)Math.Ceiling(_p.TemplateSharedMemberShare * size));
        long sharedRequests = 0;
        foreach (var fp in _touched)
        {
            if (_templateMembers[fp] >= sharedThreshold)
            {
                sharedRequests += _templateRequests[fp];
            }

            _templateMembers[fp] = 0;
            _templateRequests[fp] = 0;
        }

        _touched.Clear();

        var pivot = 0.0;
        if (pivotAll >= _p.ReleasePivotMinRequests && _index.PopulationPivotShare > 0)
        {
            var lift = (double)pivotOn / pivotAll / _index.PopulationPivotShare;
            pivot = Clamp((lift - 1) / (_p.ReleasePivotLiftAtFull - 1));
        }

        Array.Sort(counts);
        var volumeLift = Math.Max(1, counts[size / 2]) / Math.Max(1, _index.PopulationMedianRequests);
        return new ClusterFeatures
        {
            Synchrony = (double)synchronous / size,
            TemplateConcentration = requests == 0 ? 0 : (double)sharedRequests / requests,
            CapabilityConcentration = requests == 0 ? 0 : Clamp(harvest / requests),
            ReleasePivot = pivot,
            PaymentSharing = payment / size,
            PathwayMix = pathway / size,
            SignupBurst = SignupBurst(created, _p.SignupBurstMinutes * 60_000L),
            Size = Clamp(Math.Log(size) / Math.Log(Math.Max(2, _p.SizeAtFull))),
            Volume = Clamp(Math.Log(Math.Max(1, volumeLift)) / Math.Log(Math.Max(1.0001, _p.VolumeLiftAtFull))),
            OrgConsistency = OrgConsistency(s, members),
            HarvestSynchrony = (double)harvestSynchronous / size,
            HarvestSpanDays = HarvestSpanDays(members),
            MemberCount = size,
            RequestCount = requests,
        };
    }

    public (double Risk, bool Flagged) Score(ClusterFeatures f)
    {
        var z = _p.ScoreBias
            + (_p.ScoreSynchrony * f.Synchrony)
            + (_p.ScoreHarvestSynchrony * f.HarvestSynchrony)
            + (_p.ScoreTemplate * f.TemplateConcentration)
            + (_p.ScoreCapability * f.CapabilityConcentration)
            + (_p.ScoreReleasePivot * f.ReleasePivot)
            + (_p.ScorePayment * f.PaymentSharing)
            + (_p.ScorePathway * f.PathwayMix)
            + (_p.ScoreSignupBurst * f.SignupBurst)
            + (_p.ScoreSize * f.Size)
            + (_p.ScoreVolume * f.Volume)
            + (_p.ScoreOrgConsistency * f.OrgConsistency);
        var risk = 1 / (1 + Math.Exp(-z));
        var harvestSignal = Math.Max(f.CapabilityConcentration, f.ReleasePivot);
        if (_p.HarvestSynchronyCountsAsHarvest)
        {
            harvestSignal = Math.Max(harvestSignal, f.HarvestSynchrony);
        }

        var harvests = harvestSignal >= _p.FlagMinHarvest;
        var coordinated = Math.Max(f.Synchrony, Math.Max(f.TemplateConcentration, f.PaymentSharing)) >= _p.FlagMinCoordination;

        // A one-off event (hackathon, class) shares an invoice, a notebook template, harvesting exercises and a sign-up
        // burst because it is one event: those features cannot tell it from a campaign. Only evidence the shared window
        // does not explain counts then: a release pivot, or harvest synchrony (tolerant lockstep on several days).
        var oneOffEvent = _p.OneOffEventMaxSpanDays > 0 && f.HarvestSpanDays <= _p.OneOffEventMaxSpanDays;
        var beyondTheEvent = !oneOffEvent || Math.Max(f.ReleasePivot, f.HarvestSynchrony) >= _p.FlagMinHarvest;
        return (risk, risk >= _p.FlagThreshold && harvests && coordinated && beyondTheEvent);
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
            if (org >= 0 && pathway is AccessPathway.Enterprise or AccessPathway.Education or AccessPathway.SecurityResearch)
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

    private static double Clamp(double x) => double.IsNaN(x) ? 0 : Math.Clamp(x, 0, 1);
}
