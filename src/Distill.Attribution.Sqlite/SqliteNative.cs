using System.Runtime.InteropServices;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// Direct calls into the same e_sqlite3 library that SQLitePCLRaw loads, for the per-column calls of the
/// hot loops. SQLitePCLRaw passes a SafeHandle (reference counted per call) through a provider interface;
/// for a 10-column row that is most of the cost of reading it. These take the raw statement pointer of a
/// live <see cref="RawStatement"/>, which keeps the statement alive.
/// </summary>
internal static class SqliteNative
{
    private const string Library = "e_sqlite3";

    // Reading a column of the current row: no I/O, no locks, no callbacks, so no GC transition is needed.
    [DllImport(Library, EntryPoint = "sqlite3_column_int64")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    internal static extern long ColumnInt64(nint stmt, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_type")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    internal static extern int ColumnType(nint stmt, int column);

    // A text column's UTF-8 bytes: SQLite converts a value of another type in place, no I/O or callbacks. The pointer
    // lives until the statement steps, resets or reads the column as another type.
    [DllImport(Library, EntryPoint = "sqlite3_column_text")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    internal static extern nint ColumnText(nint stmt, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    internal static extern int ColumnBytes(nint stmt, int column);

    [DllImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    internal static extern int BindInt64(nint stmt, int index, long value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_null")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    internal static extern int BindNull(nint stmt, int index);

    // Step does I/O and may wait on locks: a normal transition.
    [DllImport(Library, EntryPoint = "sqlite3_step")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    internal static extern int Step(nint stmt);
}
