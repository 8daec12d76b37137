namespace Distill.Attribution.Application.Clusters;

/// <summary>
/// A cluster as a picture: its members, the resources they share (with outsider counts), and the evidence links
/// of the detector's tree (member to parent, by rule). <see cref="ResourcesTruncated"/> says a kind hit its cap.
/// </summary>
public sealed record ClusterGraph(
    IReadOnlyList<ClusterGraphMember> Members,
    IReadOnlyList<SharedResourceMembers> Resources,
    IReadOnlyList<ClusterGraphLink> Links,
    bool ResourcesTruncated);

/// <summary>A member, its place in the evidence tree (null parent and depth 0 for the core or an unflagged cluster) and the indicators it matches.</summary>
public sealed record ClusterGraphMember(string Account, string? Parent, int Depth, IReadOnlyList<string> MatchedIndicators);

/// <summary>One evidence link between two members: the rule and its weight.</summary>
public sealed record ClusterGraphLink(string From, string To, string Rule, double Weight);
