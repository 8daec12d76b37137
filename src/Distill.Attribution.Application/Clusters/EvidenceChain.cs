using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Clusters;

/// <summary>
/// Why one member is in its cluster: the evidence steps from the member up to the cluster's core, each with the
/// links (rule, weight, records) that tie it to the next.
/// </summary>
public sealed record EvidenceChain(string Account, int Depth, IReadOnlyList<EvidenceStep> Steps)
{
    /// <summary>Operator indicators the member itself matches.</summary>
    public IReadOnlyList<string> MatchedIndicators => Steps.Count == 0 ? [] : Steps[0].MatchedIndicators;
}
