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

    /// <summary>The links of every step, from the member up to the core (flattened once per chain).</summary>
    public IReadOnlyList<EvidenceLink> Links { get; } = Flatten(Steps);

    private static EvidenceLink[] Flatten(IReadOnlyList<EvidenceStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var count = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            count += steps[i].Links.Count;
        }

        var links = new EvidenceLink[count];
        var at = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i].Links;
            for (var j = 0; j < step.Count; j++)
            {
                links[at++] = step[j];
            }
        }

        return links;
    }
}
