using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Testing;

/// <summary>Raw SQL against a store file, for tests that inspect or tamper with what a store wrote (a fresh,
/// unpooled connection each time, so nothing stays open between the test and the code under test).</summary>
public static class SqliteFile
{
    /// <summary>The first column of every row, as invariant-culture text.</summary>
    public static List<string> Query(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return rows;
    }

    public static void Execute(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }
}
