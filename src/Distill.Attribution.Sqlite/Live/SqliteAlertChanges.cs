using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Live;

namespace Distill.Attribution.Sqlite.Live;

/// <summary>Alerts by their change number (migration 0009: set by triggers on insert and on a run's update).</summary>
internal sealed class SqliteAlertChanges(SqliteDatabase database) : IAlertChanges
{
    public Task<long> GetLatestChangeAsync(CancellationToken ct) => Task.FromResult(database.Use(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT coalesce(max(change_seq), 0) FROM alerts";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }));

    public Task<IReadOnlyList<AlertChangeEntry>> ReadAfterAsync(long after, int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AlertChangeEntry>>(database.Use(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = $"SELECT {SqliteAlertStore.Columns}, change_seq FROM alerts WHERE change_seq > $after ORDER BY change_seq LIMIT $max";
            command.Parameters.AddWithValue("$after", after);
            command.Parameters.AddWithValue("$max", max);
            var entries = new List<AlertChangeEntry>();
            SqliteAlertStore.Read(command, r => entries.Add(new AlertChangeEntry(r.Reader.GetInt64(20), r.Alert)));
            return entries;
        }));
}
