namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Evidence of a flagged cluster: a strongest-path tree over its links rooted at the core (the member with
/// the largest link weight), one step per member.
/// </summary>
public sealed record EvidenceTree(string Root, IReadOnlyList<EvidenceStep> Steps)
{
    /// <summary>The chain of steps from <paramref name="member"/> to the root (empty if not a member).</summary>
    public IReadOnlyList<EvidenceStep> ChainFor(string member)
    {
        var byMember = new Dictionary<string, EvidenceStep>(StringComparer.Ordinal);
        foreach (var step in Steps)
        {
            byMember[step.Member] = step;
        }

        var chain = new List<EvidenceStep>();
        var current = member;
        while (current is not null && byMember.TryGetValue(current, out var step) && chain.Count <= Steps.Count)
        {
            chain.Add(step);
            current = step.Parent;
        }

        return chain;
    }
}
