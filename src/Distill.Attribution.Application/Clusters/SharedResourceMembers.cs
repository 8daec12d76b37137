namespace Distill.Attribution.Application.Clusters;

/// <summary>
/// A resource several members of a cluster use (kind PAYMENT_FINGERPRINT, IP, ASN, PROMPT_FINGERPRINT or CLIENT),
/// the members that use it, and how many accounts outside the cluster use it too (the counter-evidence of a hub).
/// </summary>
public sealed record SharedResourceMembers(string Kind, string Value, string? Label, IReadOnlyList<string> Members, int OutsideAccounts);
