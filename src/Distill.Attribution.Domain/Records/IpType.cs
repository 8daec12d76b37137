namespace Distill.Attribution.Domain.Records;

#pragma warning disable CA1028 // Stored as its byte value.
/// <summary>IP classification from an IP-intelligence feed (noisy).</summary>
public enum IpType : byte
{
    Residential,
    Mobile,
    Datacenter,
    Proxy,
    Vpn,
    Tor,
    Unknown,
}
#pragma warning restore CA1028
