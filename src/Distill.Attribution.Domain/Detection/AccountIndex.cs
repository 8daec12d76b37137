namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Per-account lookups and features computed once from a snapshot: which payments, sessions, IPs,
/// templates and clients each account has (CSR lists), and per-account counts that feed scoring.
/// One scan over the requests; no object per row.
/// </summary>
internal sealed class AccountIndex
{
    private AccountIndex(DetectionSnapshot snapshot) => Snapshot = snapshot;

    public DetectionSnapshot Snapshot { get; }

    public int[] PaymentOffsets { get; private set; } = [];
    public int[] PaymentRows { get; private set; } = [];
    public int[] SessionOffsets { get; private set; } = [];
    public int[] SessionRows { get; private set; } = [];

    /// <summary>Distinct IPs of each account, from sessions and requests.</summary>
    public int[] IpOffsets { get; private set; } = [];
    public int[] IpIds { get; private set; } = [];

    /// <summary>Distinct accounts seen on each IP.</summary>
    public int[] IpAccountCount { get; private set; } = [];

    public int[] PromptOffsets { get; private set; } = [];
    public int[] PromptIds { get; private set; } = [];
    public int[] PromptCounts { get; private set; } = [];

    /// <summary>Distinct accounts running each template.</summary>
    public int[] PromptAccountCount { get; private set; } = [];

    /// <summary>Per (account, template) entry, parallel to <see cref="PromptCounts"/>: the harvest weight of those
    /// requests (the sum of their capabilities' weights in <see cref="DetectionParameters.HarvestCapabilities"/>).</summary>
    public float[] PromptHarvest { get; private set; } = [];
    public int[] ClientOffsets { get; private set; } = [];
    public int[] ClientIds { get; private set; } = [];
    public int[] ClientCounts { get; private set; } = [];

    /// <summary>Distinct accounts on each instrument.</summary>
    public int[] InstrumentAccountCount { get; private set; } = [];

    public int[] RequestCount { get; private set; } = [];

    /// <summary>Σ capability weight of the account's requests (harvested capabilities).</summary>
    public double[] HarvestWeight { get; private set; } = [];

    /// <summary>Requests on a just-released model inside its pivot window.</summary>
    public int[] PivotOn { get; private set; } = [];

    /// <summary>All requests inside pivot windows.</summary>
    public int[] PivotAll { get; private set; } = [];

    /// <summary>Population share of pivot-window traffic on the new model.</summary>
    public double PopulationPivotShare { get; private set; }

    /// <summary>Per account: the harvest weight of its <see cref="PivotOn"/> requests (capability weights as for
    /// <see cref="HarvestWeight"/>).</summary>
    public double[] PivotOnHarvest { get; private set; } = [];

    /// <summary>The population's harvest weight per request (Σ <see cref="HarvestWeight"/> / Σ requests).</summary>
    public double PopulationHarvestShare { get; private set; }

    /// <summary>Median requests per account with at least one request.</summary>
    public double PopulationMedianRequests { get; private set; }

    public static AccountIndex Build(DetectionSnapshot snapshot, DetectionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = new AccountIndex(snapshot);
        var n = snapshot.AccountCount;
        (index.PaymentOffsets, index.PaymentRows) = GroupRows(snapshot.PaymentAccount, n);
        (index.SessionOffsets, index.SessionRows) = GroupRows(snapshot.SessionAccount, n);
        index.BuildDistinctLists(parameters);
        index.BuildPivot(parameters);

        index.InstrumentAccountCount = new int[snapshot.Instruments.Length];
        var lastAccount = new int[snapshot.Instruments.Length];
        Array.Fill(lastAccount, -1);
        for (var a = 0; a < n; a++)
        {
            for (var p = index.PaymentOffsets[a]; p < index.PaymentOffsets[a + 1]; p++)
            {
                var instrument = snapshot.PaymentInstrument[index.PaymentRows[p]];
                if (lastAccount[instrument] != a)
                {
                    lastAccount[instrument] = a;
                    index.InstrumentAccountCount[instrument]++;
                }
            }
        }

        return index;
    }

    public ReadOnlySpan<int> IpsOf(int account) => IpIds.AsSpan(IpOffsets[account], IpOffsets[account + 1] - IpOffsets[account]);

    /// <summary>Rows grouped by their owner (counting sort): rows of owner o are rows[offsets[o]..offsets[o+1]].</summary>
    public static (int[] Offsets, int[] Rows) GroupRows(int[] owner, int ownerCount)
    {
        var offsets = new int[ownerCount + 1];
        foreach (var o in owner)
        {
            if (o >= 0)
            {
                offsets[o + 1]++;
            }
        }

        for (var i = 0; i < ownerCount; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var rows = new int[offsets[ownerCount]];
        var cursor = (int[])offsets.Clone();
        for (var r = 0; r < owner.Length; r++)
        {
            if (owner[r] >= 0)
            {
                rows[cursor[owner[r]]++] = r;
            }
        }

        return (offsets, rows);
    }

    private void BuildDistinctLists(DetectionParameters parameters)
    {
        var s = Snapshot;
        var n = s.AccountCount;
        var capabilityWeight = CapabilityWeights(parameters);

        var ips = new GrowingList();
        var prompts = new GrowingList();
        var clients = new GrowingList();
        var ipMark = NewMarks(s.Ips.Length);
        var promptMark = NewMarks(s.PromptFingerprints.Length);
        var promptSlot = new int[s.PromptFingerprints.Length];
        var promptHarvest = new List<float>();
        var clientMark = NewMarks(s.Clients.Length);
        var clientSlot = new int[s.Clients.Length];
        IpOffsets = new int[n + 1];
        PromptOffsets = new int[n + 1];
        ClientOffsets = new int[n + 1];
        RequestCount = new int[n];
        HarvestWeight = new double[n];
        IpAccountCount = new int[s.Ips.Length];
        for (var a = 0; a < n; a++)
        {
            IpOffsets[a] = ips.Count;
            PromptOffsets[a] = prompts.Count;
            ClientOffsets[a] = clients.Count;
            for (var k = SessionOffsets[a]; k < SessionOffsets[a + 1]; k++)
            {
                AddIp(s.SessionIp[SessionRows[k]], a);
            }

            int start = s.RequestOffsets[a], end = s.RequestOffsets[a + 1];
            RequestCount[a] = end - start;
            var harvest = 0.0;
            for (var r = start; r < end; r++)
            {
                var capability = s.RequestCapability[r];
                var weight = capability >= 0 ? capabilityWeight[capability] : 0;
                harvest += weight;
                AddIp(s.RequestIp[r], a);
                var slot = AddCounted(prompts, promptMark, promptSlot, s.RequestPromptFingerprint[r], a);
                if (slot == promptHarvest.Count)
                {
                    promptHarvest.Add((float)weight);
                }
                else if (slot >= 0)
                {
                    promptHarvest[slot] += (float)weight;
                }

                _ = AddCounted(clients, clientMark, clientSlot, s.RequestClient[r], a);
            }

            HarvestWeight[a] = harvest;
        }

        IpOffsets[n] = ips.Count;
        PromptOffsets[n] = prompts.Count;
        ClientOffsets[n] = clients.Count;
        IpIds = ips.Ids();
        PromptIds = prompts.Ids();
        PromptCounts = prompts.Counts();
        PromptAccountCount = new int[s.PromptFingerprints.Length];
        foreach (var fp in PromptIds)
        {
            PromptAccountCount[fp]++;
        }

        PromptHarvest = [.. promptHarvest];
        ClientIds = clients.Ids();
        ClientCounts = clients.Counts();

        void AddIp(int ip, int account)
        {
            if (ip >= 0 && ipMark[ip] != account)
            {
                ipMark[ip] = account;
                IpAccountCount[ip]++;
                ips.Add(ip, 1);
            }
        }
    }

    /// <summary>Counts one use of <paramref name="id"/> by <paramref name="account"/>; returns the entry's slot (-1 for an
    /// absent id).</summary>
    private static int AddCounted(GrowingList list, int[] mark, int[] slot, int id, int account)
    {
        if (id < 0)
        {
            return -1;
        }

        if (mark[id] != account)
        {
            mark[id] = account;
            slot[id] = list.Count;
            list.Add(id, 1);
        }
        else
        {
            list.Increment(slot[id]);
        }

        return slot[id];
    }

    private static int[] NewMarks(int length)
    {
        var marks = new int[length];
        Array.Fill(marks, -1);
        return marks;
    }

    /// <summary>The weight of each capability of the snapshot in <see cref="DetectionParameters.HarvestCapabilities"/> (0 when absent).</summary>
    private double[] CapabilityWeights(DetectionParameters parameters)
    {
        var s = Snapshot;
        var weights = new double[s.Capabilities.Length];
        for (var c = 0; c < s.Capabilities.Length; c++)
        {
            foreach (var w in parameters.HarvestCapabilities)
            {
                if (string.Equals(w.Name, s.Capabilities[c], StringComparison.Ordinal))
                {
                    weights[c] = w.Weight;
                }
            }
        }

        return weights;
    }

    private void BuildPivot(DetectionParameters parameters)
    {
        var s = Snapshot;
        var n = s.AccountCount;
        PivotOn = new int[n];
        PivotAll = new int[n];
        PivotOnHarvest = new double[n];
        var capabilityWeight = CapabilityWeights(parameters);
        var windowMs = parameters.ReleasePivotHours * 3_600_000L;
        foreach (var release in s.Releases)
        {
            var model = Array.IndexOf(s.Models, release.Model);
            if (model < 0)
            {
                continue;
            }

            var from = release.ReleasedAt.ToUnixTimeMilliseconds();
            var to = from + windowMs;
            for (var a = 0; a < n; a++)
            {
                int start = s.RequestOffsets[a], end = s.RequestOffsets[a + 1];
                if (start == end || s.RequestTsMs[end - 1] < from || s.RequestTsMs[start] >= to)
                {
                    continue;
                }

                var r = Array.BinarySearch(s.RequestTsMs, start, end - start, from);
                if (r < 0)
                {
                    r = ~r;
                }

                // BinarySearch may land on any of several equal timestamps; step back to the first.
                while (r > start && s.RequestTsMs[r - 1] >= from)
                {
                    r--;
                }

                for (; r < end && s.RequestTsMs[r] < to; r++)
                {
                    PivotAll[a]++;
                    if (s.RequestModel[r] == model)
                    {
                        PivotOn[a]++;
                        var capability = s.RequestCapability[r];
                        PivotOnHarvest[a] += capability >= 0 ? capabilityWeight[capability] : 0;
                    }
                }
            }
        }

        long totalOn = 0, totalAll = 0;
        for (var a = 0; a < n; a++)
        {
            totalOn += PivotOn[a];
            totalAll += PivotAll[a];
        }

        PopulationPivotShare = totalAll == 0 ? 0 : (double)totalOn / totalAll;
        double harvest = 0;
        long requests = 0;
        for (var a = 0; a < n; a++)
        {
            harvest += HarvestWeight[a];
            requests += RequestCount[a];
        }

        PopulationHarvestShare = requests == 0 ? 0 : harvest / requests;

        var active = new List<int>();
        foreach (var c in RequestCount)
        {
            if (c > 0)
            {
                active.Add(c);
            }
        }

        active.Sort();
        PopulationMedianRequests = active.Count == 0 ? 1 : active[active.Count / 2];
    }

    /// <summary>A growable (id, count) list; avoids a List of tuples per account.</summary>
    private sealed class GrowingList
    {
        private int[] _ids = new int[1024];
        private int[] _counts = new int[1024];

        public int Count { get; private set; }

        public void Add(int id, int count)
        {
            if (Count == _ids.Length)
            {
                Array.Resize(ref _ids, Count * 2);
                Array.Resize(ref _counts, Count * 2);
            }

            _ids[Count] = id;
            _counts[Count++] = count;
        }

        public void Increment(int slot) => _counts[slot]++;

        public int[] Ids() => _ids[..Count];

        public int[] Counts() => _counts[..Count];
    }
}
