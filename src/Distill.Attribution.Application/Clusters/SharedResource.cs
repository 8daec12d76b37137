namespace Distill.Attribution.Application.Clusters;

/// <summary>
/// A payment fingerprint, IP or ASN that members of a cluster use, with how many accounts use it inside and outside
/// the cluster (a resource used by many outsiders is weak evidence: a campus NAT, a VPN exit).
/// </summary>
public sealed record SharedResource(string Kind, string Value, string? Label, int InsideAccounts, int OutsideAccounts);
