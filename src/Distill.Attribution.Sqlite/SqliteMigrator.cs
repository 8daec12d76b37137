using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// Applies the numbered scripts embedded from <c>Sqlite/Migrations/NNNN_name.sql</c>, in order, each in
/// its own transaction, and records them in <c>schema_migrations</c>. Every embedded script is picked up,
/// so another part adds its tables by adding a file, without touching this code.
/// </summary>
internal static class SqliteMigrator
{
    private const string ResourcePrefix = "Sqlite.Migrations.";

    /// <summary>One embedded migration script.</summary>
    internal sealed record Migration(int Version, string Name, string Sql, string Checksum);

    public static IReadOnlyList<Migration> Embedded()
    {
        var assembly = typeof(SqliteMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..^".sql".Length];
            var digits = name.IndexOf('_', StringComparison.Ordinal);
            if (digits <= 0 || !int.TryParse(name.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration '{resource}' must be named NNNN_description.sql.");
            }

            var sql = Read(assembly, resource);
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            migrations.Add(new Migration(version, name, sql, checksum));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Migrations '{migrations[i - 1].Name}' and '{migrations[i].Name}' share version {migrations[i].Version}.");
            }
        }

        return migrations;
    }

    /// <summary>Applies what is missing; returns the versions applied now.</summary>
    public static IReadOnlyList<int> Apply(SqliteConnection connection)
    {
        SqliteConnections.Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                checksum   TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """);
        var applied = new List<int>();
        foreach (var migration in Embedded())
        {
            // IMMEDIATE takes the write lock before the check, so two processes starting together
            // cannot both apply the same script.
            using var transaction = connection.BeginTransaction(deferred: false);
            var recorded = RecordedChecksum(connection, transaction, migration.Version);
            if (recorded is not null)
            {
                if (recorded != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Name} was changed after it was applied to this store; add a new migration instead.");
                }

                continue;
            }

            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = migration.Sql;
                command.ExecuteNonQuery();
            }

            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations(version, name, checksum, applied_at) VALUES ($version, $name, $checksum, $at)";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$name", migration.Name);
                record.Parameters.AddWithValue("$checksum", migration.Checksum);
                record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                record.ExecuteNonQuery();
            }

            transaction.Commit();
            applied.Add(migration.Version);
        }

        return applied;
    }

    private static string? RecordedChecksum(SqliteConnection connection, SqliteTransaction transaction, int version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT checksum FROM schema_migrations WHERE version = $version";
        command.Parameters.AddWithValue("$version", version);
        return command.ExecuteScalar() as string;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
