using System.Globalization;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Live;
using Distill.Attribution.Domain.Detection;
using SQLitePCL;

namespace Distill.Attribution.Sqlite;

/// <summary>A live-mode snapshot of the SQLite store and what the next delta starts from (decision D23).</summary>
internal sealed class SqliteSnapshotCursor : SnapshotCursor
{
    private SqliteSnapshotCursor(DetectionSnapshot snapshot, TimeSpan? window, bool full, string how, string storePath, SqliteSnapshotState state)
        : base(snapshot, window, full, how)
    {
        StorePath = storePath;
        State = state;
    }

    public string StorePath { get; }

    public SqliteSnapshotState State { get; }

    /// <summary>
    /// Reads the delta since <paramref name="previous"/> in the read transaction of <paramref name="db"/>, or the whole store
    /// when there is no previous cursor, it is of another store or window, or the store changed in a way a delta cannot
    /// express (<see cref="SnapshotCursor.How"/> says which). A whole read takes the tables other than requests on a connection
    /// from <paramref name="openSibling"/>, beside its request scan (see <see cref="SqliteSnapshotReader"/>).
    /// </summary>
    public static SqliteSnapshotCursor Read(sqlite3 db, string storePath, SnapshotCursor? previous, TimeSpan? window, CancellationToken ct, Func<sqlite3>? openSibling = null)
    {
        string why;
        if (previous is null)
        {
            why = "first read";
        }
        else if (previous is not SqliteSnapshotCursor p || !string.Equals(p.StorePath, storePath, StringComparison.Ordinal))
        {
            why = "the previous snapshot is of another store";
        }
        else if (p.Window != window)
        {
            why = "the window changed";
        }
        else
        {
            var snapshot = new SqliteSnapshotReader(db, null, ct).ReadSince(p.Snapshot, p.State, window, out var state, out var fallback, out var added);
            if (snapshot is not null)
            {
                return new SqliteSnapshotCursor(snapshot, window, false, string.Create(CultureInfo.InvariantCulture,
                    $"delta +{added.Requests:N0} requests, +{added.Accounts:N0} accounts, +{added.Names:N0} names (new rows {added.NewRows.TotalSeconds:F2} s, small tables {added.SmallTables.TotalSeconds:F2} s, merge {added.Merge.TotalSeconds:F2} s, input hash {added.InputHash.TotalSeconds:F2} s)"),
                    storePath, state);
            }

            why = fallback!;
        }

        var whole = new SqliteSnapshotReader(db, null, ct, openSibling).Read(out var fullState);
        var cut = window is { } w ? SnapshotWindow.Cut(whole, w) : whole;
        return new SqliteSnapshotCursor(cut, window, true, $"full read: {why}", storePath, fullState);
    }
}
