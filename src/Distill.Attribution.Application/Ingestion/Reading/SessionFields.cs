namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>Field slots of sessions, in contract order (the order of <see cref="Names"/>).</summary>
internal static class SessionFields
{
    public const int AccountId = 0;
    public const int Ip = 1;
    public const int SeenAt = 2;
    public const int Asn = 3;
    public const int AsnOrg = 4;
    public const int IpType = 5;

    public static readonly string[] Names = ["account_id", "ip", "seen_at", "asn", "asn_org", "ip_type"];

    public static readonly bool[] Required = [true, true, true, false, false, false];
}
