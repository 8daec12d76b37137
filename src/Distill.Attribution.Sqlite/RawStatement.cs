using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// A prepared statement on the raw SQLite handle, reused across rows and batches. The hot paths (request
/// inserts, snapshot scans) go through it because <see cref="SqliteCommand"/> re-binds every parameter
/// object per execution and costs several times the work SQLite itself does per row.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt stmt;
    private readonly nint handle;
    private byte[] utf8 = new byte[256];

    public RawStatement(sqlite3 db, string sql)
    {
        this.db = db;
        Check(raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out stmt));
        handle = stmt.DangerousGetHandle();
    }

    public void BindInt64(int index, long value) => Check(SqliteNative.BindInt64(handle, index, value));

    public void BindInt64(int index, long? value) =>
        Check(value is { } v ? SqliteNative.BindInt64(handle, index, v) : SqliteNative.BindNull(handle, index));

    public void BindDouble(int index, double value) => Check(raw.sqlite3_bind_double(stmt, index, value));

    public void BindText(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(stmt, index));
            return;
        }

        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length > utf8.Length)
        {
            utf8 = new byte[Math.Max(length, utf8.Length * 2)];
        }

        var written = Encoding.UTF8.GetBytes(value, utf8);
        BindUtf8(index, utf8.AsSpan(0, written));
    }

    public void BindBlob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(stmt, index, value));

    /// <summary>Binds UTF-8 bytes (SQLite copies them).</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_text(stmt, index, value));

    /// <summary>Runs a statement that returns no rows; returns the rows it changed.</summary>
    public int Execute()
    {
        var rc = SqliteNative.Step(handle);
        raw.sqlite3_reset(stmt);
        if (rc != raw.SQLITE_DONE)
        {
            throw Error(rc);
        }

        return raw.sqlite3_changes(db);
    }

    /// <summary>Steps a query; false when there are no more rows (then resets it).</summary>
    public bool Read()
    {
        var rc = SqliteNative.Step(handle);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        raw.sqlite3_reset(stmt);
        if (rc != raw.SQLITE_DONE)
        {
            throw Error(rc);
        }

        return false;
    }

    /// <summary>Abandons a query before its last row.</summary>
    public void Reset() => raw.sqlite3_reset(stmt);

    public long GetInt64(int column) => SqliteNative.ColumnInt64(handle, column);

    public double GetDouble(int column) => raw.sqlite3_column_double(stmt, column);

    /// <summary>The bytes of a BLOB column, valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> GetBlob(int column) => raw.sqlite3_column_blob(stmt, column);

    public bool IsNull(int column) => SqliteNative.ColumnType(handle, column) == raw.SQLITE_NULL;

    public long? GetNullableInt64(int column) => IsNull(column) ? null : GetInt64(column);

    public string? GetText(int column)
    {
        if (IsNull(column))
        {
            return null;
        }

        // Text first, then its length, as SQLite asks: the bytes are those of the text form.
        var text = SqliteNative.ColumnText(handle, column);
        return text == 0 ? null : Marshal.PtrToStringUTF8(text, SqliteNative.ColumnBytes(handle, column));
    }

    public void Dispose() => raw.sqlite3_finalize(stmt);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) =>
        new($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc, raw.sqlite3_extended_errcode(db));
}
