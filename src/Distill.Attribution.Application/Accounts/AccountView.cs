namespace Distill.Attribution.Application.Accounts;

/// <summary>
/// An account as the API shows it: its id, the cluster it is in in the latest run (if any) and its stored
/// details. <see cref="DetailsLoaded"/> is false for an account named by a cluster whose details were not asked yet.
/// </summary>
public sealed record AccountView(string Id, string? ClusterId, AccountDetails? Details, bool DetailsLoaded);
