namespace Distill.Attribution.Application.Abstractions;

/// <summary>The counts <c>distill stats</c> prints (the contract's stats JSON).</summary>
public sealed record StoreStats(
    long Accounts,
    long Payments,
    long Sessions,
    long Requests,
    long Releases,
    long Indicators,
    long Runs,
    long Clusters);
