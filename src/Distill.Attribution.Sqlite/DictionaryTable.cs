using System.Runtime.InteropServices;
using SQLitePCL;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// One dictionary table (string to dense row id) with an in-memory cache, so that the hot path resolves
/// a string with one hash look-up and touches SQLite only for a string it has never seen. Entries added
/// inside a batch are forgotten if the batch rolls back, so the cache never names a row that does not exist.
/// </summary>
internal sealed class DictionaryTable : IDisposable
{
    private readonly sqlite3 db;
    private readonly string table;
    private readonly Dictionary<string, long> ids = new(StringComparer.Ordinal);
    private readonly List<string> addedInBatch = [];
    private RawStatement? insert;
    private bool loaded;

    public DictionaryTable(sqlite3 db, string table)
    {
        this.db = db;
        this.table = table;
    }

    /// <summary>The id of <paramref name="value"/>, inserting it if new; 0 for null (absent).</summary>
    public long IdOf(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        EnsureLoaded();
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, value, out var exists);
        if (!exists)
        {
            try
            {
                insert ??= new RawStatement(db, $"INSERT INTO {table}(value) VALUES (?1)");
                insert.BindText(1, value);
                insert.Execute();
                id = raw.sqlite3_last_insert_rowid(db);
            }
            catch
            {
                ids.Remove(value);
                throw;
            }

            addedInBatch.Add(value);
        }

        return id;
    }

    /// <summary>The id of a value already in the table, without adding it.</summary>
    public bool TryGetId(string value, out long id)
    {
        EnsureLoaded();
        return ids.TryGetValue(value, out id);
    }

    /// <summary>The id of a required value; a null here is a caller bug, and fails the whole batch.</summary>
    public long IdOfRequired(string value, string field) =>
        value is null ? throw new ArgumentException($"A row without {field} reached the store.", field) : IdOf(value);

    /// <summary>The batch committed: its new entries are now real rows.</summary>
    public void Commit() => addedInBatch.Clear();

    /// <summary>The batch rolled back: forget the entries it added.</summary>
    public void Rollback()
    {
        foreach (var value in addedInBatch)
        {
            ids.Remove(value);
        }

        addedInBatch.Clear();
    }

    /// <summary>Another connection changed the store: reload on next use.</summary>
    public void Invalidate()
    {
        ids.Clear();
        addedInBatch.Clear();
        loaded = false;
    }

    public void Dispose() => insert?.Dispose();

    private void EnsureLoaded()
    {
        if (loaded)
        {
            return;
        }

        using var select = new RawStatement(db, $"SELECT id, value FROM {table}");
        while (select.Read())
        {
            ids[select.GetText(1)!] = select.GetInt64(0);
        }

        loaded = true;
    }
}
