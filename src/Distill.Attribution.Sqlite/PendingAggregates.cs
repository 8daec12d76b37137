using System.Runtime.InteropServices;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// Per-account request sums of rows already committed to <c>requests</c> but not yet added to the aggregate
/// tables (<c>account_stats</c>, <c>account_model_stats</c>, <c>account_capability_stats</c>,
/// <c>account_ip_stats</c>). Summing here and writing each key once, in key order, replaces one upsert per
/// (batch, key): on input that is not sorted by account every batch touched nearly every key, and the writer
/// spent most of its time in those upserts (issue 18). Memory: one dictionary entry per distinct key.
/// </summary>
internal sealed class PendingAggregates
{
    private readonly Dictionary<long, Totals> accounts = [];
    private readonly Dictionary<long, long> models = [];
    private readonly Dictionary<long, long> capabilities = [];
    private readonly Dictionary<long, long> ips = [];

    /// <summary>Rows summed since the last <see cref="Clear"/>.</summary>
    public long Rows { get; private set; }

    /// <summary>Distinct keys held, over the four tables: what bounds the memory.</summary>
    public int Keys => accounts.Count + models.Count + capabilities.Count + ips.Count;

    /// <summary>Adds one request row (dictionary ids; 0 = absent for capability and ip).</summary>
    public void Add(long account, long ts, long inputTokens, long outputTokens, long model, long capability, long ip)
    {
        ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(accounts, account, out var seen);
        total.Add(ts, inputTokens, outputTokens, seen);
        CollectionsMarshal.GetValueRefOrAddDefault(models, Pair(account, model), out _)++;
        if (capability != 0)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(capabilities, Pair(account, capability), out _)++;
        }

        if (ip != 0)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(ips, Pair(account, ip), out _)++;
        }

        Rows++;
    }

    public void Clear()
    {
        accounts.Clear();
        models.Clear();
        capabilities.Clear();
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
        var keys = new long[accounts.Count];
        accounts.Keys.CopyTo(keys, 0);
        Array.Sort(keys);
        foreach (var account in keys)
        {
            var total = accounts[account];
            accountStats.BindInt64(1, account);
            accountStats.BindInt64(2, total.Requests);
            accountStats.BindInt64(3, total.InputTokens);
            accountStats.BindInt64(4, total.OutputTokens);
            accountStats.BindInt64(5, total.FirstTs);
            accountStats.BindInt64(6, total.LastTs);
            accountStats.Execute();
        }

        WritePairs(statement, "account_model_stats", "model", models);
        WritePairs(statement, "account_capability_stats", "capability", capabilities);
        WritePairs(statement, "account_ip_stats", "ip", ips);
    }

    private static void WritePairs(Func<string, RawStatement> statement, string table, string column, Dictionary<long, long> counts)
    {
        // Table and column names are constants of this class, never input.
        var upsert = statement($"""
            INSERT INTO {table}(account, {column}, requests) VALUES (?1, ?2, ?3)
            ON CONFLICT(account, {column}) DO UPDATE SET requests = requests + excluded.requests
            """);
        var keys = new long[counts.Count];
        counts.Keys.CopyTo(keys, 0);
        // Both halves are below 2^32, so the packed order is the (account, value) order of the primary key.
        Array.Sort(keys);
        foreach (var key in keys)
        {
            upsert.BindInt64(1, key >>> 32);
            upsert.BindInt64(2, key & 0xFFFF_FFFFL);
            upsert.BindInt64(3, counts[key]);
            upsert.Execute();
        }
    }

    private static long Pair(long account, long value)
    {
        if ((ulong)account > uint.MaxValue || (ulong)value > uint.MaxValue)
        {
            throw new InvalidOperationException($"Dictionary id {Math.Max(account, value)} is beyond the 2^32 the aggregates pack into one key.");
        }

        return (account << 32) | value;
    }

    /// <summary>Request totals of one account.</summary>
    private struct Totals
    {
        public long Requests;
        public long InputTokens;
        public long OutputTokens;
        public long FirstTs;
        public long LastTs;

        public void Add(long ts, long input, long output, bool seen)
        {
            if (!seen)
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
