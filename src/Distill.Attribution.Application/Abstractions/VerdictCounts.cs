namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// Investigators' latest verdicts on the clusters of one detector version (code version and parameters hash):
/// a real-world precision estimate when enough clusters were confirmed or dismissed.
/// </summary>
public sealed record VerdictCounts(string CodeVersion, string ParametersHash, int Confirmed, int Dismissed, int NeedsReview)
{
    /// <summary>Clusters with a decisive verdict (confirmed or dismissed).</summary>
    public int Decided => Confirmed + Dismissed;
}
