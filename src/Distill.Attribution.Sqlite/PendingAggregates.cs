using System.Runtime.InteropServices;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// Per-account request sums of rows already committed to <c>requests</c> but not yet added to the aggregate
/// tables (<c>account_stats</c>, <c>account_model_stats</c>, <c>account_capability_stats</c>,
/// <c>account_ip_stats</c>). Summing here and writing each key once, in key order, replaces one upsert per
/// (batch, key): on input that is not sorted by account every batch touched nearly every key (issue 18).
/// <para>
/// Layout (decision D22): input in time order or shuffled sends each row to a different account, so each
/// <see cref="Add"/> must cost few cache misses. The sums are dense, indexed by the account's dictionary id
/// (ids come from a rowid: 1, 2, 3, ...): one <see cref="Totals"/> per account, and beside it the counts of
/// the account's small model and capability ids (an account row of 8 model and 16 capability cells). Pairs
/// outside that (large ids) and the (account, ip) pairs go to open-addressing maps keyed by the packed pair.
/// A row thus touches the account's totals, its two cell rows and one ip slot, instead of five hash-map entries.
/// Memory: 136 bytes per account id up to the highest seen (42,662 accounts: 5.8 MB), plus 16-32 bytes per
/// pair in the maps.
/// </para>
/// </summary>
internal sealed class PendingAggregates
{
    /// <summary>Account ids at or above this are summed in the maps (bounds the dense arrays to 136 MB).</summary>
    internal const long DenseAccounts = 1 << 20;

    /// <summary>Model ids below this are counted in the account's cell row.</summary>
    internal const int ModelCells = 8;

    /// <summary>Capability ids below this are counted in the account's cell row.</summary>
    internal const int CapabilityCells = 16;

    private Totals[] totals = new Totals[1024];
    private int[] modelCells = new int[1024 * ModelCells];
    private int[] capabilityCells = new int[1024 * CapabilityCells];

    /// <summary>Dense account ids with a non-zero total, in the order first seen (sorted when written).</summary>
    private readonly List<int> touched = [];

    private readonly Dictionary<long, Totals> otherAccounts = [];
    private readonly PairCounts otherModels = new();
    private readonly PairCounts otherCapabilities = new();
    private readonly PairCounts ips = new();
    private int denseCells;

    /// <summary>Rows summed since the last <see cref="Clear"/>.</summary>
    public long Rows { get; private set; }

    /// <summary>Distinct keys held, over the four tables: what the writer bounds.</summary>
    public int Keys => touched.Count + otherAccounts.Count + denseCells + otherModels.Count + otherCapabilities.Count + ips.Count;

    /// <summary>Adds one request row (dictionary ids; 0 = absent for capability and ip).</summary>
    public void Add(long account, long ts, long inputTokens, long outputTokens, long model, long capability, long ip)
    {
        // Cells are 32-bit; the writer flushes long before (aggregateFlushRows), this only guards the layout.
        if (Rows >= int.MaxValue)
        {
            throw new InvalidOperationException("More than 2^31 request rows summed without a flush.");
        }

        CheckId(account);
        CheckId(model);
        CheckId(capability);
        CheckId(ip);
        if (account < DenseAccounts && account > 0)
        {
            var a = (int)account;
            if (a >= totals.Length)
            {
                Grow(a);
            }

            ref var total = ref totals[a];
            if (total.Requests == 0)
            {
                touched.Add(a);
            }

            total.Add(ts, inputTokens, outputTokens);
            if (model < ModelCells)
            {
                if (modelCells[(a * ModelCells) + (int)model]++ == 0)
                {
                    denseCells++;
                }
            }
            else
            {
                otherModels.Increment(Pair(account, model));
            }

            if (capability != 0)
            {
                if (capability < CapabilityCells)
                {
                    if (capabilityCells[(a * CapabilityCells) + (int)capability]++ == 0)
                    {
                        denseCells++;
                    }
                }
                else
                {
                    otherCapabilities.Increment(Pair(account, capability));
                }
            }
        }
        else
        {
            ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(otherAccounts, account, out _);
            total.Add(ts, inputTokens, outputTokens);
            otherModels.Increment(Pair(account, model));
            if (capability != 0)
            {
                otherCapabilities.Increment(Pair(account, capability));
            }
        }

        if (ip != 0)
        {
            ips.Increment(Pair(account, ip));
        }

        Rows++;
    }

    /// <summary>
    /// Asks the CPU to bring what <see cref="Add"/> will touch for this account and ip into its cache, a few rows
    /// ahead: on input not sorted by account these are cold lines of arrays and maps of megabytes. A hint only.
    /// </summary>
    public void Prefetch(long account, long ip)
    {
        var a = (ulong)account;
        if (a < (ulong)totals.Length)
        {
            CacheHint.Prefetch(ref totals[a]);
            CacheHint.Prefetch(ref modelCells[a * ModelCells]);
            CacheHint.Prefetch(ref capabilityCells[a * CapabilityCells]);
        }

        if (ip > 0)
        {
            ips.Prefetch(Pair(account, ip));
        }
    }

    public void Clear()
    {
        foreach (var a in touched)
        {
            totals[a] = default;
            modelCells.AsSpan(a * ModelCells, ModelCells).Clear();
            capabilityCells.AsSpan(a * CapabilityCells, CapabilityCells).Clear();
        }

        touched.Clear();
        denseCells = 0;
        otherAccounts.Clear();
        otherModels.Clear();
        otherCapabilities.Clear();
        ips.Clear();
        Rows = 0;
    }

    /// <summary>Adds the sums to the aggregate tables, each table in primary-key order (so each B-tree page is visited once).</summary>
    public void WriteTo(Func<string, RawStatement> statement)
    {
        var accountStats = statement("""
            INSERT INTO account_stats(account, requests, input_tokens, output_tokens, first_ts, last_ts) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT(account) DO UPDATE SET
                requests = requests + excluded.requests,
                input_tokens = input_tokens + excluded.input_tokens,
                output_tokens = output_tokens + excluded.output_tokens,
                first_ts = min(first_ts, excluded.first_ts),
                last_ts = max(last_ts, excluded.last_ts)
            """);
        touched.Sort();
        var others = new long[otherAccounts.Count];
        otherAccounts.Keys.CopyTo(others, 0);
        Array.Sort(others);

        // Dense ids (1 .. 2^20-1) come before the others (2^20 and above): the whole table in key order.
        foreach (var a in touched)
        {
            WriteTotals(accountStats, a, totals[a]);
        }

        foreach (var account in others)
        {
            WriteTotals(accountStats, account, otherAccounts[account]);
        }

        WritePairs(statement, "account_model_stats", "model", modelCells, ModelCells, otherModels);
        WritePairs(statement, "account_capability_stats", "capability", capabilityCells, CapabilityCells, otherCapabilities);
        WritePairs(statement, "account_ip_stats", "ip", [], 0, ips);
    }

    private static void WriteTotals(RawStatement accountStats, long account, Totals total)
    {
        accountStats.BindInt64(1, account);
        accountStats.BindInt64(2, total.Requests);
        accountStats.BindInt64(3, total.InputTokens);
        accountStats.BindInt64(4, total.OutputTokens);
        accountStats.BindInt64(5, total.FirstTs);
        accountStats.BindInt64(6, total.LastTs);
        accountStats.Execute();
    }

    private void WritePairs(Func<string, RawStatement> statement, string table, string column, int[] cells, int width, PairCounts others)
    {
        // Table and column names are constants of this class, never input.
        var upsert = statement($"""
            INSERT INTO {table}(account, {column}, requests) VALUES (?1, ?2, ?3)
            ON CONFLICT(account, {column}) DO UPDATE SET requests = requests + excluded.requests
            """);
        var count = others.Count;
        if (width > 0)
        {
            foreach (var a in touched)
            {
                foreach (var c in cells.AsSpan(a * width, width))
                {
                    count += c == 0 ? 0 : 1;
                }
            }
        }

        var keys = new long[count];
        var counts = new long[count];
        var n = others.CopyTo(keys, counts);
        if (width > 0)
        {
            foreach (var a in touched)
            {
                var row = cells.AsSpan(a * width, width);
                for (var v = 0; v < width; v++)
                {
                    if (row[v] != 0)
                    {
                        keys[n] = Pair(a, v);
                        counts[n++] = row[v];
                    }
                }
            }
        }

        // Both halves are below 2^32, so the packed order is the (account, value) order of the primary key.
        Array.Sort(keys, counts);
        for (var i = 0; i < keys.Length; i++)
        {
            upsert.BindInt64(1, keys[i] >>> 32);
            upsert.BindInt64(2, keys[i] & 0xFFFF_FFFFL);
            upsert.BindInt64(3, counts[i]);
            upsert.Execute();
        }
    }

    private void Grow(int account)
    {
        var length = (int)Math.Min(DenseAccounts, Math.Max((long)totals.Length * 2, account + 1L));
        Array.Resize(ref totals, length);
        Array.Resize(ref modelCells, length * ModelCells);
        Array.Resize(ref capabilityCells, length * CapabilityCells);
    }

    private static void CheckId(long id)
    {
        if ((ulong)id > uint.MaxValue)
        {
            throw new InvalidOperationException($"Dictionary id {id} is beyond the 2^32 the aggregates pack into one key.");
        }
    }

    private static long Pair(long account, long value) => (account << 32) | value;

    /// <summary>Request totals of one account.</summary>
    private struct Totals
    {
        public long Requests;
        public long InputTokens;
        public long OutputTokens;
        public long FirstTs;
        public long LastTs;

        public void Add(long ts, long input, long output)
        {
            if (Requests == 0)
            {
                FirstTs = ts;
                LastTs = ts;
            }

            Requests++;
            InputTokens += input;
            OutputTokens += output;
            FirstTs = Math.Min(FirstTs, ts);
            LastTs = Math.Max(LastTs, ts);
        }
    }
}
