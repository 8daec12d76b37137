using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Cases;

namespace Distill.Attribution.Sqlite.Cases;

/// <summary>
/// The latest verdict of each cluster id recorded on a run of one detector version (code version and parameters
/// hash), counted once per cluster id even when several runs of that version saw it: the same cluster confirmed
/// twice is one confirmation, not two.
/// </summary>
internal sealed class SqliteVerdictTally(SqliteDatabase database) : IVerdictTally
{
    private const string CountSql = """
        SELECT v.verdict, COUNT(*)
        FROM verdicts v
        WHERE v.id = (
            SELECT MAX(v2.id) FROM verdicts v2 JOIN runs r ON r.run_id = v2.run_id
            WHERE v2.cluster_id = v.cluster_id AND r.code_version = $code AND r.parameters_hash = $parameters)
        GROUP BY v.verdict
        """;

    public Task<VerdictCounts> CountAsync(string codeVersion, string parametersHash, CancellationToken ct) => Task.FromResult(database.Use(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = CountSql;
        command.Parameters.AddWithValue("$code", codeVersion);
        command.Parameters.AddWithValue("$parameters", parametersHash);
        using var r = command.ExecuteReader();
        int confirmed = 0, dismissed = 0, review = 0;
        while (r.Read())
        {
            var n = r.GetInt32(1);
            switch ((Verdict)r.GetInt32(0))
            {
                case Verdict.Confirmed: confirmed = n; break;
                case Verdict.Dismissed: dismissed = n; break;
                default: review += n; break;
            }
        }

        return new VerdictCounts(codeVersion, parametersHash, confirmed, dismissed, review);
    }));
}
