using Distill.Attribution.Application.Accounts;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Lookup;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// Read-only questions about accounts that the investigator API asks of the store (profiles, payments, IPs,
/// request statistics, look-ups by shared value, activity and shared infrastructure of a set of accounts).
/// </summary>
public interface IAccountReadModel
{
    /// <summary>The details of each known id (unknown ids are absent from the answer).</summary>
    Task<IReadOnlyDictionary<string, AccountDetails>> GetAccountsAsync(IReadOnlyCollection<string> accountIds, CancellationToken ct);

    /// <summary>Accounts that touch <paramref name="value"/> as a <paramref name="kind"/>, sorted by id, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> FindAccountsAsync(LookupKind kind, string value, int limit, CancellationToken ct);

    /// <summary>First and last request time of every account that made requests (Unix ms), for time filters.</summary>
    Task<IReadOnlyDictionary<string, (long First, long Last)>> GetActivitySpansAsync(CancellationToken ct);

    /// <summary>Requests of <paramref name="accountIds"/> per time bucket, model and capability, oldest first.</summary>
    Task<IReadOnlyList<ActivityBucket>> GetActivityAsync(IReadOnlyCollection<string> accountIds, ActivityGranularity granularity, CancellationToken ct);

    /// <summary>Payment fingerprints, IPs and ASNs used by at least two of <paramref name="accountIds"/>, with inside/outside counts.</summary>
    Task<IReadOnlyList<SharedResource>> GetSharedInfrastructureAsync(IReadOnlyCollection<string> accountIds, CancellationToken ct);
}
