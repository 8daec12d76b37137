namespace Distill.Attribution.Synthetic;

/// <summary>One IP of the synthetic Internet, with what the (noisy) IP-intelligence feed says about it.</summary>
internal sealed record IpEntry(string Text, byte[] Utf8, long Asn, string AsnOrg, string IpType);
