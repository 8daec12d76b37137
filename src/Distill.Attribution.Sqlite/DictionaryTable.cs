using System.IO.Hashing;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// One dictionary table (string to dense row id) with an in-memory cache, so that the hot path resolves
/// a string with one hash look-up and touches SQLite only for a string it has never seen. Entries added
/// inside a batch are forgotten if the batch rolls back, so the cache never names a row that does not exist.
/// <para>
/// The cache is one open-addressing table whose slots hold the value, its 64-bit hash and its id side by side
/// (decision D22): a look-up reads one slot, and compares strings only when the hashes are equal, and then
/// first by reference (the request parser hands the same string object for a repeated value). Input that is not
/// sorted by account meets a cold slot on nearly every row (480k prompt fingerprints at scale 1), so what
/// counts is cache lines per look-up: a <see cref="Dictionary{TKey, TValue}"/> read a bucket, an entry and
/// the stored key's characters. The hash can be computed ahead, off the writing thread
/// (<see cref="PreparedRequests"/>). Memory: 24 bytes per slot at 25-50 % load, plus the strings.
/// </para>
/// </summary>
internal sealed class DictionaryTable : IDisposable
{
    private const int MinSlots = 64;
    private readonly sqlite3 db;
    private readonly string table;
    private Slot[] slots = new Slot[MinSlots];
    private int count;
    private bool addedInBatch;
    private RawStatement? insert;
    private bool loaded;

    public DictionaryTable(sqlite3 db, string table)
    {
        this.db = db;
        this.table = table;
    }

    /// <summary>The hash the cache files <paramref name="value"/> under (XxHash3 of its UTF-16 code units); 0 for null.</summary>
    public static ulong Hash(string? value) => value is null ? 0 : XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value.AsSpan()));

    /// <summary>The id of <paramref name="value"/>, inserting it if new; 0 for null (absent).</summary>
    public long IdOf(string? value) => value is null ? 0 : IdOf(value, Hash(value));

    /// <summary>The id of <paramref name="value"/>, whose <see cref="Hash"/> is <paramref name="hash"/>, inserting it if new; 0 for null.</summary>
    public long IdOf(string? value, ulong hash)
    {
        if (value is null)
        {
            return 0;
        }

        EnsureLoaded();
        ref var slot = ref Find(value, hash);
        if (slot.Value is not null)
        {
            // Equal by content but another object (the table was loaded from the store, or the value first came
            // from another file's parser): keep the caller's, so that its next rows compare by reference and do
            // not read both strings' characters on every row.
            if (!ReferenceEquals(slot.Value, value))
            {
                slot = slot with { Value = value };
            }

            return slot.Id;
        }

        insert ??= new RawStatement(db, $"INSERT INTO {table}(value) VALUES (?1)");
        insert.BindText(1, value);
        insert.Execute();
        var id = raw.sqlite3_last_insert_rowid(db);
        addedInBatch = true;
        Place(ref slot, value, hash, id);
        return id;
    }

    /// <summary>The id of a value already in the table, without adding it.</summary>
    public bool TryGetId(string value, out long id) => TryGetId(value, Hash(value), out id);

    /// <summary>As <see cref="TryGetId(string, out long)"/> with the value's <see cref="Hash"/> computed ahead.</summary>
    public bool TryGetId(string value, ulong hash, out long id)
    {
        EnsureLoaded();
        ref var slot = ref Find(value, hash);
        id = slot.Id;
        return slot.Value is not null;
    }

    /// <summary>
    /// Asks the CPU to bring the home slot of a value with this <see cref="Hash"/> into its cache, some rows before
    /// the look-up: on input not sorted by account, the slot is cold (a table of up to millions of slots) and the
    /// writer would otherwise wait for memory on every row. A hint only: it reads nothing and changes nothing.
    /// </summary>
    public void Prefetch(ulong hash)
    {
        var table = slots;
        CacheHint.Prefetch(ref table[(int)hash & (table.Length - 1)]);
    }

    /// <summary>The id of a required value; a null here is a caller bug, and fails the whole batch.</summary>
    public long IdOfRequired(string value, string field) =>
        value is null ? throw new ArgumentException($"A row without {field} reached the store.", field) : IdOf(value);

    /// <summary>As <see cref="IdOfRequired(string, string)"/> with the value's hash computed ahead.</summary>
    public long IdOfRequired(string value, ulong hash, string field) =>
        value is null ? throw new ArgumentException($"A row without {field} reached the store.", field) : IdOf(value, hash);

    /// <summary>The batch committed: its new entries are now real rows.</summary>
    public void Commit() => addedInBatch = false;

    /// <summary>The batch rolled back: forget the entries it added (by reloading the table on next use; rare).</summary>
    public void Rollback()
    {
        if (addedInBatch)
        {
            Invalidate();
        }
    }

    /// <summary>Another connection changed the store: reload on next use.</summary>
    public void Invalidate()
    {
        slots = new Slot[MinSlots];
        count = 0;
        addedInBatch = false;
        loaded = false;
    }

    public void Dispose() => insert?.Dispose();

    /// <summary>The slot holding <paramref name="value"/>, or the empty slot where it belongs.</summary>
    private ref Slot Find(string value, ulong hash)
    {
        var mask = slots.Length - 1;
        var i = (int)hash & mask;
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.Value is null || ReferenceEquals(slot.Value, value) || (slot.Hash == hash && string.Equals(slot.Value, value)))
            {
                return ref slot;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>Fills the empty <paramref name="slot"/> returned by <see cref="Find"/>, growing the table past half full.</summary>
    private void Place(ref Slot slot, string value, ulong hash, long id)
    {
        slot = new Slot(value, hash, id);
        if (++count * 2 > slots.Length)
        {
            var old = slots;
            slots = new Slot[old.Length * 2];
            foreach (var entry in old)
            {
                if (entry.Value is not null)
                {
                    Find(entry.Value, entry.Hash) = entry;
                }
            }
        }
    }

    private void EnsureLoaded()
    {
        if (loaded)
        {
            return;
        }

        using var select = new RawStatement(db, $"SELECT id, value FROM {table}");
        while (select.Read())
        {
            var value = select.GetText(1)!;
            var hash = Hash(value);
            ref var slot = ref Find(value, hash);
            if (slot.Value is null)
            {
                Place(ref slot, value, hash, select.GetInt64(0));
            }
        }

        loaded = true;
    }

    private readonly record struct Slot(string? Value, ulong Hash, long Id);
}
