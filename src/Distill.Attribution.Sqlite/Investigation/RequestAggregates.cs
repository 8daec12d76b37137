using System.Runtime.InteropServices;
using Distill.Attribution.Application.Clusters;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite.Investigation;

/// <summary>
/// The requests table aggregated in memory for the investigator's timeline and look-ups: requests per (account, hour,
/// model, capability), and the accounts behind each client and prompt fingerprint. Built by one scan of
/// <c>requests</c> and rebuilt when rows were added (its largest rowid changed: the table is insert-only).
/// </summary>
/// <remarks>
/// Why not an index or an aggregate table: the store keeps <c>requests</c> free of secondary indexes so that ingest
/// only appends pages (see migration 0001), and hourly counts per account barely compress (1.72 M aggregate rows for
/// 2.0 M requests at scale 0.1), so a table maintained at ingest would cost ingest as much as an index. In memory
/// the aggregate is 16 bytes a row (28 MB at scale 0.1); a timeline of 86 accounts sums ~35 k of them in ~1 ms.
/// </remarks>
public sealed class RequestAggregates
{
    /// <summary>Member timelines kept per snapshot (see <see cref="MemberActivity"/>).</summary>
    private const int TimelineCacheSize = 8;

    private readonly SqliteDatabase _database;
    private readonly Lock _gate = new();
    private readonly Lock _timelinesGate = new();
    private readonly List<(ActivityGranularity Granularity, string[] Accounts, MemberTimeline Timeline)> _timelines = [];
    private volatile Snapshot? _current;
    private Snapshot? _timelinesOf;

    public RequestAggregates(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Scans now if the aggregate is missing or stale (a server calls this at start, off the request path).</summary>
    public void Refresh() => Current();

    /// <summary>Requests of <paramref name="accountIds"/> per hour or day, model and capability, oldest first (then model, capability).</summary>
    public IReadOnlyList<ActivityBucket> Activity(IReadOnlyCollection<string> accountIds, ActivityGranularity granularity)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var s = Current();
        var perDay = granularity == ActivityGranularity.Day;
        var sums = new Dictionary<(int Bucket, int Model, int Capability), long>();
        foreach (var id in accountIds)
        {
            if (!s.AccountIds.TryGetValue(id, out var account) || account >= s.Offsets.Length - 1)
            {
                continue;
            }

            for (var i = s.Offsets[account]; i < s.Offsets[account + 1]; i++)
            {
                ref readonly var e = ref s.Entries[i];
                var bucket = perDay ? FloorDiv(e.Hour, 24) : e.Hour;
                CollectionsMarshal.GetValueRefOrAddDefault(sums, (bucket, e.Model, e.Capability), out _) += e.Requests;
            }
        }

        var width = perDay ? 86_400_000L : 3_600_000L;
        var list = new List<ActivityBucket>(sums.Count);
        foreach (var ((bucket, model, capability), requests) in sums)
        {
            // A model id without a dictionary row cannot occur (inserted in the same batch); the SQL join dropped such rows too.
            if (s.Models.TryGetValue(model, out var modelName))
            {
                list.Add(new ActivityBucket(DateTimeOffset.FromUnixTimeMilliseconds(bucket * width), modelName,
                    capability == 0 ? null : s.Capabilities.GetValueOrDefault(capability), requests));
            }
        }

        list.Sort(static (a, b) =>
        {
            var c = a.Start.CompareTo(b.Start);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(a.Model, b.Model);
            return c != 0 ? c : string.CompareOrdinal(a.Capability, b.Capability); // null (no capability) first, as in SQL
        });
        return list;
    }

    /// <summary>Accounts that sent requests with this client (<paramref name="byClient"/>) or prompt fingerprint, sorted by id.</summary>
    public IReadOnlyList<string> AccountsUsing(bool byClient, string value, int limit)
    {
        ArgumentNullException.ThrowIfNull(value);
        var s = Current();
        var accounts = byClient ? s.ClientAccounts.GetValueOrDefault(value) : s.PromptAccounts.GetValueOrDefault(value);
        if (accounts is null)
        {
            return [];
        }

        var ids = new string[accounts.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = s.AccountKeys[accounts[i]];
        }

        Array.Sort(ids, StringComparer.Ordinal);
        return ids.Length <= limit ? ids : ids[..Math.Max(limit, 0)];
    }

    /// <summary>
    /// Requests of each of <paramref name="accountIds"/> per hour or day (sparse rows, members without requests left
    /// out), for the workbench's members × time heatmap. The last <see cref="TimelineCacheSize"/> answers are kept
    /// until rows are added (a new snapshot), and the same question gets the same object: a 2,000-member hourly
    /// timeline sums ~100,000 aggregate rows, and an unchanged object lets the GraphQL engine reuse its JSON.
    /// </summary>
    public MemberTimeline MemberActivity(IReadOnlyCollection<string> accountIds, ActivityGranularity granularity)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var s = Current();
        string[] accounts = [.. accountIds];
        lock (_timelinesGate)
        {
            if (ReferenceEquals(_timelinesOf, s))
            {
                foreach (var (g, ids, timeline) in _timelines)
                {
                    if (g == granularity && ids.AsSpan().SequenceEqual(accounts))
                    {
                        return timeline;
                    }
                }
            }
        }

        var built = BuildMemberActivity(s, accounts, granularity);
        lock (_timelinesGate)
        {
            if (!ReferenceEquals(_timelinesOf, s))
            {
                _timelines.Clear();
                _timelinesOf = s;
            }

            if (_timelines.Count >= TimelineCacheSize)
            {
                _timelines.RemoveAt(0);
            }

            _timelines.Add((granularity, accounts, built));
        }

        return built;
    }

    private static MemberTimeline BuildMemberActivity(Snapshot s, string[] accountIds, ActivityGranularity granularity)
    {
        var perDay = granularity == ActivityGranularity.Day;
        var rows = new List<(string Account, SortedDictionary<int, long> Buckets)>();
        var min = int.MaxValue;
        var max = int.MinValue;
        foreach (var id in accountIds)
        {
            if (!s.AccountIds.TryGetValue(id, out var account) || account >= s.Offsets.Length - 1 || s.Offsets[account] == s.Offsets[account + 1])
            {
                continue;
            }

            var buckets = new SortedDictionary<int, long>();
            for (var i = s.Offsets[account]; i < s.Offsets[account + 1]; i++)
            {
                ref readonly var e = ref s.Entries[i];
                var bucket = perDay ? FloorDiv(e.Hour, 24) : e.Hour;
                buckets[bucket] = buckets.GetValueOrDefault(bucket) + e.Requests;
                min = Math.Min(min, bucket);
                max = Math.Max(max, bucket);
            }

            rows.Add((id, buckets));
        }

        var width = perDay ? 86_400_000L : 3_600_000L;
        if (rows.Count == 0)
        {
            return new MemberTimeline(null, width, 0, []);
        }

        rows.Sort(static (a, b) => string.CompareOrdinal(a.Account, b.Account));
        var result = new MemberActivityRow[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var offsets = new int[rows[r].Buckets.Count];
            var counts = new long[offsets.Length];
            var j = 0;
            foreach (var (bucket, requests) in rows[r].Buckets)
            {
                offsets[j] = bucket - min;
                counts[j++] = requests;
            }

            result[r] = new MemberActivityRow(rows[r].Account, offsets, counts);
        }

        return new MemberTimeline(DateTimeOffset.FromUnixTimeMilliseconds(min * width), width, max - min + 1, result);
    }

    /// <summary>
    /// Clients (<paramref name="byClient"/>) or prompt fingerprints used by at least two of <paramref name="accountIds"/>:
    /// the value, the members using it (sorted) and how many accounts outside use it; most used inside first.
    /// </summary>
    public IReadOnlyList<(string Value, string[] Members, int Outside)> SharedValues(bool byClient, IReadOnlyCollection<string> accountIds, int limit)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var s = Current();
        var inside = new HashSet<int>();
        foreach (var id in accountIds)
        {
            if (s.AccountIds.TryGetValue(id, out var account))
            {
                inside.Add(account);
            }
        }

        var found = new List<(string Value, string[] Members, int Outside)>();
        var scratch = new List<string>();
        foreach (var (value, accounts) in byClient ? s.ClientAccounts : s.PromptAccounts)
        {
            scratch.Clear();
            foreach (var a in accounts)
            {
                if (inside.Contains(a))
                {
                    scratch.Add(s.AccountKeys[a]);
                }
            }

            if (scratch.Count >= 2)
            {
                var members = scratch.ToArray();
                Array.Sort(members, StringComparer.Ordinal);
                found.Add((value, members, accounts.Length - members.Length));
            }
        }

        found.Sort(static (a, b) => a.Members.Length != b.Members.Length ? b.Members.Length.CompareTo(a.Members.Length) : string.CompareOrdinal(a.Value, b.Value));
        return found.Count <= limit ? found : found[..Math.Max(limit, 0)];
    }

    private Snapshot Current()
    {
        var current = _current;
        var latest = _database.Use(LatestRequestRowId);
        if (current is not null && current.LastRowId == latest)
        {
            return current;
        }

        lock (_gate)
        {
            current = _current;
            if (current is null || current.LastRowId != _database.Use(LatestRequestRowId))
            {
                current = _database.Use(Build);
                _current = current;
            }

            return current;
        }
    }

    private static long LatestRequestRowId(SqliteConnection c)
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT coalesce(max(id), 0) FROM requests";
        return (long)command.ExecuteScalar()!;
    }

    private static Snapshot Build(SqliteConnection c)
    {
        // One read transaction: the rowid mark and the rows come from the same committed state.
        using var transaction = c.BeginTransaction(deferred: true);
        var lastRowId = LatestRequestRowId(c);
        var accountKeys = new Dictionary<long, string>();
        Read(c, "SELECT id, value FROM account_keys", r => accountKeys[r.GetInt64(0)] = r.GetString(1));
        var models = new Dictionary<int, string>();
        Read(c, "SELECT id, value FROM models", r => models[checked((int)r.GetInt64(0))] = r.GetString(1));
        var capabilities = new Dictionary<int, string>();
        Read(c, "SELECT id, value FROM capabilities", r => capabilities[checked((int)r.GetInt64(0))] = r.GetString(1));
        var clients = new Dictionary<long, string>();
        Read(c, "SELECT id, value FROM clients", r => clients[r.GetInt64(0)] = r.GetString(1));
        var prompts = new Dictionary<long, string>();
        Read(c, "SELECT id, value FROM prompt_fingerprints", r => prompts[r.GetInt64(0)] = r.GetString(1));

        // Dense account numbers (0..n-1) in account-key order, so the aggregate is a CSR over accounts.
        var keys = new long[accountKeys.Count];
        accountKeys.Keys.CopyTo(keys, 0);
        Array.Sort(keys);
        var dense = new Dictionary<long, int>(keys.Length);
        var names = new string[keys.Length];
        var byName = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            dense[keys[i]] = i;
            names[i] = accountKeys[keys[i]];
            byName[names[i]] = i;
        }

        // Each request becomes (dense account, key) with key = hour * (models x capabilities) + model * capabilities
        // + capability, so that grouping is a sort of plain longs per account (a counting sort by account first).
        var modelSpan = MaxKey(models.Keys) + 1L;
        var capabilitySpan = MaxKey(capabilities.Keys) + 1L;
        var capacity = (int)Math.Min(Math.Max(lastRowId, 0), Array.MaxLength);
        var rowAccount = new int[capacity];
        var rowKey = new long[capacity];
        var perAccount = new int[keys.Length + 1];
        var count = 0;
        var clientPairs = new HashSet<(long Client, int Account)>();
        var promptPairs = new HashSet<(long Prompt, int Account)>();
        using (var scan = new RawStatement(c.Handle!, "SELECT account, ts, model, capability, client, prompt_fingerprint FROM requests WHERE id <= ?1"))
        {
            scan.BindInt64(1, lastRowId);
            while (scan.Read())
            {
                var model = scan.GetInt64(2);
                var capability = scan.GetInt64(3);
                // Rows whose account, model or capability has no dictionary row cannot occur (same batch); the SQL joins dropped them too.
                if (!dense.TryGetValue(scan.GetInt64(0), out var account) || model < 0 || model >= modelSpan || capability < 0 || capability >= capabilitySpan
                    || count == capacity)
                {
                    continue;
                }

                rowAccount[count] = account;
                rowKey[count] = (FloorDiv(scan.GetInt64(1), 3_600_000L) * modelSpan + model) * capabilitySpan + capability;
                perAccount[account + 1]++;
                count++;
                var client = scan.GetInt64(4);
                if (client != 0)
                {
                    clientPairs.Add((client, account));
                }

                var prompt = scan.GetInt64(5);
                if (prompt != 0)
                {
                    promptPairs.Add((prompt, account));
                }
            }
        }

        for (var i = 0; i < keys.Length; i++)
        {
            perAccount[i + 1] += perAccount[i];
        }

        var sorted = new long[count];
        var next = perAccount[..^1];
        for (var i = 0; i < count; i++)
        {
            sorted[next[rowAccount[i]]++] = rowKey[i];
        }

        // Per account: sort the keys and merge equal ones into one entry with a count.
        var entries = new List<Entry>(count / 2 + 1);
        var offsets = new int[keys.Length + 1];
        for (var account = 0; account < keys.Length; account++)
        {
            var from = perAccount[account];
            var to = perAccount[account + 1];
            Array.Sort(sorted, from, to - from);
            for (var i = from; i < to;)
            {
                var key = sorted[i];
                var j = i + 1;
                while (j < to && sorted[j] == key)
                {
                    j++;
                }

                var rest = FloorDiv(key, capabilitySpan);
                var hour = FloorDiv(rest, modelSpan);
                entries.Add(new Entry(checked((int)hour), (int)(rest - (hour * modelSpan)), (int)(key - (rest * capabilitySpan)), j - i));
                i = j;
            }

            offsets[account + 1] = entries.Count;
        }

        transaction.Commit();
        return new Snapshot(lastRowId, byName, names, offsets, [.. entries], models, capabilities,
            Group(clientPairs, clients), Group(promptPairs, prompts));
    }

    private static Dictionary<string, int[]> Group(HashSet<(long Value, int Account)> pairs, Dictionary<long, string> values)
    {
        var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (value, account) in pairs)
        {
            if (values.TryGetValue(value, out var name))
            {
                (CollectionsMarshal.GetValueRefOrAddDefault(lists, name, out _) ??= []).Add(account);
            }
        }

        var result = new Dictionary<string, int[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (name, list) in lists)
        {
            result[name] = [.. list];
        }

        return result;
    }

    private static int MaxKey(IEnumerable<int> ids)
    {
        var max = 0;
        foreach (var id in ids)
        {
            max = Math.Max(max, id);
        }

        return max;
    }

    private static void Read(SqliteConnection c, string sql, Action<SqliteDataReader> row)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    /// <summary>Floor division: a time before 1970 falls into the bucket that starts at or before it.</summary>
    private static long FloorDiv(long value, long divisor) => value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);

    private static int FloorDiv(int value, int divisor) => value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);

    /// <summary>Requests of one account in one hour for one model and capability (the account is the CSR row).</summary>
    private readonly record struct Entry(int Hour, int Model, int Capability, int Requests);

    private sealed record Snapshot(
        long LastRowId,
        Dictionary<string, int> AccountIds,
        string[] AccountKeys,
        int[] Offsets,
        Entry[] Entries,
        Dictionary<int, string> Models,
        Dictionary<int, string> Capabilities,
        Dictionary<string, int[]> ClientAccounts,
        Dictionary<string, int[]> PromptAccounts);
}
