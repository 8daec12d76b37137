using Distill.Attribution.Graph.Lockstep;

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// The evidence views: each turns shared records into weighted account–account links with the record
/// that created them. Groups (accounts on one instrument, IP, template or client) are expanded into pairs
/// only up to a cap; larger groups get a sliding window or nothing, so no view does all-pairs work.
/// </summary>
internal static class EvidenceViews
{
    /// <summary>Rarity weight of a record shared by <paramref name="n"/> accounts: 1 at n = 2, falling as 1/ln n.</summary>
    public static double Rarity(int n) => (1 + Math.Log(2)) / (1 + Math.Log(Math.Max(2, n)));

    public static (LinkSet Links, LockstepPairs Lockstep) Build(AccountIndex index, DetectionParameters p, CancellationToken cancellationToken = default)
    {
        var all = BuildAll(index, p, cancellationToken: cancellationToken);
        return (all.Links, all.Lockstep);
    }

    /// <summary>
    /// Every view's links, the lockstep pairs and the co-use pairs their keys point into. <paramref name="betweenViews"/>
    /// is called before the co-location groups and again before co-use (once, before co-use, when the groups are left to
    /// the caller; see <see cref="ClusterDetector"/>).
    /// <paramref name="lockstepRun"/>, when given, is <see cref="DetectLockstep"/> of the same snapshot and parameters started
    /// earlier (on another thread); else lockstep is detected here, in its turn. With <paramref name="colocationElsewhere"/> the
    /// co-location groups are left to the caller (<see cref="ColocationView.Detect"/>; the result holds none): no view here
    /// reads them.
    /// </summary>
    public static (LinkSet Links, LockstepPairs Lockstep, CoUsePairs CoUse, CoUseElements? Elements, ColocationGroups Colocation) BuildAll(AccountIndex index, DetectionParameters p,
        IDictionary<string, double>? phases = null, Action? betweenViews = null, Task<LockstepViews>? lockstepRun = null, bool colocationElsewhere = false,
        CancellationToken cancellationToken = default)
    {
        var s = index.Snapshot;
        var links = new LinkSet();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Lap(string view)
        {
            if (phases is not null)
            {
                phases[view] = Math.Round(clock.Elapsed.TotalSeconds, 3);
            }

            clock.Restart();
        }

        AddPaymentLinks(index, p, links);
        AddIpLinks(index, p, links);
        AddPromptLinks(index, p, links);
        AddClientLinks(index, p, links);
        Lap("views: shared records");
        cancellationToken.ThrowIfCancellationRequested();
        LockstepViews found;
        if (lockstepRun is null)
        {
            found = DetectLockstep(s, p, cancellationToken);
            Lap("views: lockstep");
        }
        else
        {
            // Its own time, on its own thread; what this one waited is in the entry after.
            found = lockstepRun.GetAwaiter().GetResult();
            if (phases is not null)
            {
                phases["views: lockstep"] = Math.Round(found.Seconds, 3);
            }

            Lap("views: lockstep (waited)");
        }

        var narrow = found.Narrow;
        for (var i = 0; i < narrow.Count; i++)
        {
            var weight = p.LockstepLinkWeight * Math.Min(1, narrow.Jaccard[i] / p.LockstepFullJaccard);
            links.Add(narrow.A[i], narrow.B[i], LinkRule.Lockstep, weight, i);
        }

        var lockstep = narrow;
        if (found.Wide is { } wide)
        {
            for (var i = 0; i < wide.Count; i++)
            {
                // Aux 1 marks the tolerant pass; its key indexes the concatenated pairs after the narrow ones.
                var weight = p.HarvestLockstepLinkWeight * Math.Min(1, wide.Jaccard[i] / p.HarvestLockstepFullJaccard);
                links.Add(wide.A[i], wide.B[i], LinkRule.Lockstep, weight, narrow.Count + i, 1);
            }

            lockstep = Concat(narrow, wide);
        }

        // The co-location groups before co-use: their graph search needs the most memory of any view, and co-use's
        // elements and pairs are not yet held then.
        betweenViews?.Invoke();
        var colocation = ColocationGroups.Empty;
        if (!colocationElsewhere)
        {
            if (p.ColocationEnabled)
            {
                cancellationToken.ThrowIfCancellationRequested();
                colocation = ColocationView.Detect(index, p, cancellationToken);
            }

            Lap("colocation");
            betweenViews?.Invoke();
        }
        var coUse = CoUsePairs.Empty;
        CoUseElements? elements = null;
        if (p.CoUseEnabled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            elements = CoUseView.Elements(index);
            coUse = CoUseView.Detect(elements, s.AccountCount, p);
            var full = 2 * Math.Abs(coUse.Log10Threshold);
            for (var i = 0; i < coUse.Count; i++)
            {
                var weight = p.CoUseLinkWeight * (full > 0 && double.IsFinite(full) ? Math.Min(1, -coUse.Log10P[i] / full) : 1);
                links.Add(coUse.A[i], coUse.B[i], LinkRule.CoUse, weight, i, (int)coUse.Kind[i]);
            }
        }

        Lap("views: co-use");

        links.BuildIndex(s.AccountCount);
        return (links, lockstep, coUse, elements, colocation);
    }

    /// <summary>
    /// Both lockstep passes (the tolerant one when <see cref="DetectionParameters.HarvestLockstepEnabled"/>): they read the
    /// snapshot alone, so a run may start them before it builds the account index.
    /// </summary>
    public static LockstepViews DetectLockstep(DetectionSnapshot s, DetectionParameters p, CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var narrow = LockstepDetector.Detect(s.RequestOffsets, s.RequestTsMs, LockstepOptionsOf(p), cancellationToken);
        LockstepPairs? wide = null;
        if (p.HarvestLockstepEnabled)
        {
            var (offsets, ts) = HarvestRequests(s, p);
            cancellationToken.ThrowIfCancellationRequested();
            wide = LockstepDetector.Detect(offsets, ts, HarvestLockstepOptionsOf(p), cancellationToken);
        }

        return new LockstepViews(narrow, wide, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The tolerant pass: the 60 s pass's sketch, phase-slot and sizing settings with its own buckets and guards.</summary>
    public static LockstepOptions HarvestLockstepOptionsOf(DetectionParameters p) => LockstepOptionsOf(p) with
    {
        BucketMs = p.HarvestLockstepBucketSeconds * 1000L,
        MinActiveBuckets = p.HarvestLockstepMinActiveBuckets,
        MinSharedBuckets = p.HarvestLockstepMinSharedBuckets,
        MinJaccard = p.HarvestLockstepMinJaccard,
        MinLift = p.HarvestLockstepMinLift,
        MinPhaseSlots = p.HarvestLockstepMinPhaseSlots,
        MinDistinctPeriods = p.HarvestLockstepMinDays,
        GridMinutes = p.HarvestLockstepGridPositions,
        MaxGridShare = p.HarvestLockstepMaxGridShare,
    };

    /// <summary>The timestamps of every account's harvesting requests (capability weight ≥ the pass's minimum), in
    /// the same CSR form as the snapshot's requests (ascending per account).</summary>
    internal static (int[] Offsets, long[] TsMs) HarvestRequests(DetectionSnapshot s, DetectionParameters p)
    {
        var selected = new bool[s.Capabilities.Length];
        for (var c = 0; c < s.Capabilities.Length; c++)
        {
            foreach (var w in p.HarvestCapabilities)
            {
                if (w.Weight >= p.HarvestLockstepMinCapabilityWeight && string.Equals(w.Name, s.Capabilities[c], StringComparison.Ordinal))
                {
                    selected[c] = true;
                }
            }
        }

        var count = 0;
        foreach (var c in s.RequestCapability)
        {
            count += c >= 0 && selected[c] ? 1 : 0;
        }

        var offsets = new int[s.AccountCount + 1];
        var ts = new long[count];
        var write = 0;
        for (var a = 0; a < s.AccountCount; a++)
        {
            offsets[a] = write;
            for (var r = s.RequestOffsets[a]; r < s.RequestOffsets[a + 1]; r++)
            {
                var c = s.RequestCapability[r];
                if (c >= 0 && selected[c])
                {
                    ts[write++] = s.RequestTsMs[r];
                }
            }
        }

        offsets[s.AccountCount] = write;
        return (offsets, ts);
    }

    private static LockstepPairs Concat(LockstepPairs x, LockstepPairs y) => new(
        [.. x.A, .. y.A], [.. x.B, .. y.B], [.. x.SharedBuckets, .. y.SharedBuckets], [.. x.Jaccard, .. y.Jaccard],
        [.. x.PhaseSlots, .. y.PhaseSlots], x.CandidateCount + y.CandidateCount);

    public static LockstepOptions LockstepOptionsOf(DetectionParameters p) => new()
    {
        BucketMs = p.LockstepBucketSeconds * 1000L,
        MinActiveBuckets = p.LockstepMinActiveBuckets,
        MinSharedBuckets = p.LockstepMinSharedBuckets,
        MinJaccard = p.LockstepMinJaccard,
        MinLift = p.LockstepMinLift,
        MinPhaseSlots = p.LockstepMinPhaseSlots,
        PhaseSlotMs = p.LockstepPhaseSlotMinutes * 60_000L,
        GridMinutes = p.LockstepGridMinutes,
        MaxGridShare = p.LockstepMaxGridShare,
        Bands = p.LockstepBands,
        RowsPerBand = p.LockstepRowsPerBand,
        MaxGroupSize = p.LockstepMaxGroupSize,
        MaxPartnersPerAccount = p.LockstepMaxPartners,
        Seed = (ulong)p.ClusteringSeed,
    };

    private static void AddPaymentLinks(AccountIndex index, DetectionParameters p, LinkSet links)
    {
        var s = index.Snapshot;
        var (offsets, rows) = AccountIndex.GroupRows(s.PaymentInstrument, s.Instruments.Length);
        var accounts = new List<int>();
        for (var instrument = 0; instrument < s.Instruments.Length; instrument++)
        {
            accounts.Clear();
            for (var k = offsets[instrument]; k < offsets[instrument + 1]; k++)
            {
                accounts.Add(s.PaymentAccount[rows[k]]);
            }

            SortUnique(accounts);
            var n = accounts.Count;
            if (n < 2 || n > p.PaymentMaxAccounts)
            {
                continue;
            }

            var orgCard = IsOwnOrganisationCard(s, accounts);
            var weight = p.PaymentLinkWeight * Rarity(n) * (orgCard ? p.EnterpriseOrgCardFactor : 1);
            EmitGroup(links, accounts, LinkRule.SharedPayment, weight, instrument, orgCard ? 1 : 0, p.PaymentPairwiseMaxAccounts, p.LargeGroupWindow);
        }
    }

    /// <summary>Every account on the instrument declares the same organisation on a vetted pathway (enterprise,
    /// education, security research): an organisation paying for its own people.</summary>
    private static bool IsOwnOrganisationCard(DetectionSnapshot s, List<int> accounts)
    {
        var org = s.AccountOrgName[accounts[0]];
        if (org < 0)
        {
            return false;
        }

        foreach (var a in accounts)
        {
            if (!ClusterScorer.Vetted(s.AccountPathway[a]) || s.AccountOrgName[a] != org)
            {
                return false;
            }
        }

        return true;
    }

    private static void AddIpLinks(AccountIndex index, DetectionParameters p, LinkSet links)
    {
        var s = index.Snapshot;
        var (offsets, accountsOfIp) = Invert(index.IpOffsets, index.IpIds, s.Ips.Length, null);
        EmitPerValue(links, offsets, accountsOfIp, LinkRule.SharedIp, p.IpLinkWeight, p.IpMaxAccounts, p.IpMaxAccounts, p.LargeGroupWindow);
    }

    private static void AddPromptLinks(AccountIndex index, DetectionParameters p, LinkSet links)
    {
        var s = index.Snapshot;
        var concentrated = new bool[index.PromptIds.Length];
        for (var a = 0; a < s.AccountCount; a++)
        {
            for (var k = index.PromptOffsets[a]; k < index.PromptOffsets[a + 1]; k++)
            {
                var count = index.PromptCounts[k];
                concentrated[k] = count >= p.PromptMinRequests && count >= p.PromptMinAccountShare * index.RequestCount[a];
            }
        }

        var (offsets, accounts) = Invert(index.PromptOffsets, index.PromptIds, s.PromptFingerprints.Length, concentrated);
        EmitPerValue(links, offsets, accounts, LinkRule.SharedPrompt, p.PromptLinkWeight, p.PromptMaxAccounts, p.PromptPairwiseMaxAccounts, p.LargeGroupWindow);
    }

    private static void AddClientLinks(AccountIndex index, DetectionParameters p, LinkSet links)
    {
        var s = index.Snapshot;
        var (offsets, accounts) = Invert(index.ClientOffsets, index.ClientIds, s.Clients.Length, null);
        EmitPerValue(links, offsets, accounts, LinkRule.SharedClient, p.ClientLinkWeight, p.ClientMaxAccounts, p.ClientMaxAccounts, p.LargeGroupWindow);
    }

    /// <summary>
    /// One group of links per shared value (IP, template, client) used by 2..<paramref name="maxAccounts"/> accounts,
    /// weighted by the value's rarity; more accounts than that is a shared exit or a public default: no links.
    /// </summary>
    private static void EmitPerValue(LinkSet links, int[] offsets, int[] accounts, LinkRule rule, double baseWeight, int maxAccounts, int pairwiseMax, int window)
    {
        for (var value = 0; value < offsets.Length - 1; value++)
        {
            var n = offsets[value + 1] - offsets[value];
            if (n < 2 || n > maxAccounts)
            {
                continue;
            }

            EmitGroup(links, accounts.AsSpan(offsets[value], n), rule, baseWeight * Rarity(n), value, 0, pairwiseMax, window);
        }
    }

    /// <summary>Turns account → ids lists into id → accounts lists (accounts ascending), optionally only the selected entries.</summary>
    private static (int[] Offsets, int[] Accounts) Invert(int[] accountOffsets, int[] ids, int idCount, bool[]? selected)
    {
        var offsets = new int[idCount + 1];
        for (var k = 0; k < ids.Length; k++)
        {
            if (selected is null || selected[k])
            {
                offsets[ids[k] + 1]++;
            }
        }

        for (var i = 0; i < idCount; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var accounts = new int[offsets[idCount]];
        var cursor = (int[])offsets.Clone();
        for (var a = 0; a + 1 < accountOffsets.Length; a++)
        {
            for (var k = accountOffsets[a]; k < accountOffsets[a + 1]; k++)
            {
                if (selected is null || selected[k])
                {
                    accounts[cursor[ids[k]]++] = a;
                }
            }
        }

        return (offsets, accounts);
    }

    private static void EmitGroup(LinkSet links, List<int> accounts, LinkRule rule, double weight, int key, int aux, int pairwiseMax, int window)
    {
        var span = accounts.ToArray();
        EmitGroup(links, span, rule, weight, key, aux, pairwiseMax, window);
    }

    /// <summary>All pairs of a small group; in a larger one each account with its next <paramref name="window"/> accounts.</summary>
    private static void EmitGroup(LinkSet links, ReadOnlySpan<int> accounts, LinkRule rule, double weight, int key, int aux, int pairwiseMax, int window)
    {
        var reach = accounts.Length <= pairwiseMax ? accounts.Length : window + 1;
        for (var i = 0; i < accounts.Length; i++)
        {
            for (var j = i + 1; j < accounts.Length && j - i < reach; j++)
            {
                links.Add(accounts[i], accounts[j], rule, weight, key, aux);
            }
        }
    }

    private static void SortUnique(List<int> values)
    {
        values.Sort();
        var write = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (i == 0 || values[i] != values[write - 1])
            {
                values[write++] = values[i];
            }
        }

        values.RemoveRange(write, values.Count - write);
    }
}

/// <summary>The lockstep passes' pairs: the 60 s pass, the tolerant pass (null when off), and the seconds they took.</summary>
internal sealed record LockstepViews(LockstepPairs Narrow, LockstepPairs? Wide, double Seconds);
