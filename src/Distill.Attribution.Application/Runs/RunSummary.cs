using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Runs;

/// <summary>A detection run without its clusters: what went in, what came out, and the hashes that identify both.</summary>
public sealed record RunSummary(
    string RunId,
    DateTimeOffset CreatedAt,
    string ParametersJson,
    string ParametersHash,
    string InputHash,
    string CodeVersion,
    string MembershipHash,
    int ClusterCount,
    int FlaggedCount)
{
    public static RunSummary Of(DetectionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var flagged = 0;
        foreach (var c in run.Clusters)
        {
            flagged += c.Flagged ? 1 : 0;
        }

        return new RunSummary(run.RunId, run.CreatedAt, run.Parameters.ToJson(), run.ParametersHash, run.InputHash, run.CodeVersion,
            run.MembershipHash, run.Clusters.Count, flagged);
    }
}
