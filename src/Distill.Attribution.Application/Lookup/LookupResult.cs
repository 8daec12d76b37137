using Distill.Attribution.Application.Accounts;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Common;

namespace Distill.Attribution.Application.Lookup;

/// <summary>The accounts that touch a value (one page) and the clusters of the latest run that contain any of them.</summary>
public sealed record LookupResult(Page<AccountView> Accounts, IReadOnlyList<ClusterView> Clusters, bool Truncated);
