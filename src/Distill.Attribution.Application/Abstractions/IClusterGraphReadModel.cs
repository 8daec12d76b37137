using Distill.Attribution.Application.Clusters;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// What the investigator workbench draws that the account read model does not answer: which members use each shared
/// resource, requests per member and time bucket, and the model releases to mark on a timeline.
/// </summary>
public interface IClusterGraphReadModel
{
    /// <summary>
    /// Payment fingerprints, IPs, ASNs, prompt fingerprints (templates) and clients used by at least two of
    /// <paramref name="accountIds"/>, with the members using each and the count of accounts outside; at most
    /// <paramref name="perKind"/> of each kind, most used inside first.
    /// </summary>
    Task<IReadOnlyList<SharedResourceMembers>> GetSharedResourceMembersAsync(IReadOnlyCollection<string> accountIds, int perKind, CancellationToken ct);

    /// <summary>Requests of each of <paramref name="accountIds"/> per hour or day (members without requests are absent).</summary>
    Task<MemberTimeline> GetMemberActivityAsync(IReadOnlyCollection<string> accountIds, ActivityGranularity granularity, CancellationToken ct);

    /// <summary>Every model release of the store, oldest first.</summary>
    Task<IReadOnlyList<ModelRelease>> GetModelReleasesAsync(CancellationToken ct);
}
