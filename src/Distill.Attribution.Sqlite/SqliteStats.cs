using Distill.Attribution.Application.Abstractions;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite;

/// <summary>The counts of <c>distill stats</c>.</summary>
internal static class SqliteStats
{
    public static StoreStats Read(SqliteConnection connection) => new(
        Accounts: Scalar(connection, "SELECT count(*) FROM accounts"),
        Payments: Scalar(connection, "SELECT count(*) FROM payments"),
        // The two large tables keep their count beside their digest; count(*) would scan millions of rows.
        Sessions: Scalar(connection, $"SELECT coalesce((SELECT rows FROM content_digests WHERE name = '{SqliteRows.SessionsTable}'), 0)"),
        Requests: Scalar(connection, $"SELECT coalesce((SELECT rows FROM content_digests WHERE name = '{SqliteRows.RequestsTable}'), 0)"),
        Releases: Scalar(connection, "SELECT count(*) FROM releases"),
        Indicators: Scalar(connection, "SELECT count(*) FROM indicators"),
        // Detection adds these tables in a later migration; until then there are none.
        Runs: TableExists(connection, "runs") ? Scalar(connection, "SELECT count(*) FROM runs") : 0,
        Clusters: TableExists(connection, "clusters") ? Scalar(connection, "SELECT count(*) FROM clusters") : 0);

    private static bool TableExists(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
