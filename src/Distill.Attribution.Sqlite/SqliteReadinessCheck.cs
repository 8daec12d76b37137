using Distill.Attribution.Infrastructure.Readiness;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Sqlite;

/// <summary>The store file opens and every migration this build knows is applied.</summary>
internal sealed class SqliteReadinessCheck(SqliteDatabase database) : IReadinessCheck
{
    public string Name => "sqlite";

    public Task<ReadinessResult> CheckAsync(CancellationToken ct)
    {
        try
        {
            var (known, applied) = database.MigrationState();
            return Task.FromResult(known == applied
                ? new ReadinessResult(true, $"{applied} migrations applied")
                : new ReadinessResult(false, $"migrations pending: {applied} of {known} applied"));
        }
        catch (SqliteException e)
        {
            return Task.FromResult(new ReadinessResult(false, $"store unreachable (SQLite error {e.SqliteErrorCode})"));
        }
    }
}
