using System.Text;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite;

/// <summary>Temp database files for tests, and a dump of every table of one.</summary>
internal static class TempDatabase
{
    public static string NewPath() => Path.Combine(Path.GetTempPath(), $"distill-test-{Guid.NewGuid():N}.db");

    public static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Every row of every table except the migration log, sorted, one line per row.</summary>
    public static string Dump(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            var lines = new List<string>();
            using var select = connection.CreateCommand();
            // Table names come from sqlite_master of our own test file.
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) is byte[] blob ? Convert.ToHexString(blob) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
                }

                lines.Add(string.Join('|', fields));
            }

            lines.Sort(StringComparer.Ordinal);
            text.Append("## ").Append(table).Append(" (").Append(lines.Count).Append(")\n");
            foreach (var line in lines)
            {
                text.Append(line).Append('\n');
            }
        }

        return text.ToString();
    }
}
