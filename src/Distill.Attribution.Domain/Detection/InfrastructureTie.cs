namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// How a flagged cluster no indicator reaches is tied to an attributed one: most of its members each use several of the
/// addresses and payment instruments that the attributed cluster's members use in common.
/// </summary>
/// <param name="SourceClusterId">The attributed cluster's id (empty until the run assigns ids).</param>
/// <param name="SourceMember">A member of the attributed cluster (its first in order), which names it before ids exist.</param>
/// <param name="RidingMembers">Members that each use at least <see cref="DetectionParameters.AttributionThroughMinElements"/> of its shared elements.</param>
/// <param name="SharedElements">Distinct shared elements of the attributed cluster that the members use.</param>
/// <param name="ExampleElements">A few of them, sorted (<c>ip:…</c>, <c>payment:…</c>; payments by opaque fingerprint).</param>
public sealed record InfrastructureTie(
    string SourceClusterId,
    string SourceMember,
    int RidingMembers,
    int SharedElements,
    IReadOnlyList<string> ExampleElements);
