using Distill.Attribution.Api.Paging;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Domain.Detection;
using Distill.GraphQL.Execution;

namespace Distill.Attribution.Api.Clusters;

/// <summary>
/// <c>Cluster.evidenceSteps</c>: the evidence tree with each step sent once. A chain (<c>evidenceChains</c>) repeats
/// the whole path to the core for every member; in a tree that is a path hundreds of steps deep, five chains were
/// 9.7 MB. Here a page holds each step once, a member's chain is its ancestors (<c>ancestorsOf</c>), paged like any
/// list, and a link's records come a page at a time (<c>EvidenceLink.provenanceRecords</c>), so every response is
/// bounded by its page sizes.
/// </summary>
internal static class EvidenceSteps
{
    public const string StepsDescription =
        "Why each member is in the cluster, each step of the evidence tree once (flagged clusters only): the core first, then by depth "
        + "(members without a link of their own, depth -1, last). With ancestorsOf, that member's chain: its step, its parent's, ... up to the core. "
        + "Links carry provenanceCount; their records come a page at a time from provenanceRecords.";

    public const string ChainsDeprecation =
        "Each chain repeats every step up to the core with all its records (megabytes for a deep tree). "
        + "Use evidenceSteps (each step once), evidenceSteps(ancestorsOf:) for one member's chain, and EvidenceLink.provenanceRecords.";

    /// <summary>A page of the tree in depth order, or of one member's ancestors.</summary>
    public static Connection Page(ResolverContext ctx)
    {
        var index = ctx.Parent<ClusterView>().Index;
        var member = ctx.Arg<string?>("ancestorsOf");
        return ConnectionTypes.Slice(ctx, member is null ? index.StepsByDepth : index.AncestorsOf(member));
    }

    /// <summary>The link at <paramref name="position"/> of a step, or null out of range.</summary>
    public static EvidenceLink? LinkAt(EvidenceStep step, int position) =>
        position >= 0 && position < step.Links.Count ? step.Links[position] : null;
}
