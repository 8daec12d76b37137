namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>
/// Plausibility limits checked at ingest after the contract's field rules, on every record kind, on the
/// fast request path and the validator path alike.
/// </summary>
public sealed record RecordLimits
{
    /// <summary>The earliest timestamp accepted (every timestamp field): no API account is older.</summary>
    public DateTimeOffset EarliestTimestamp { get; init; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The first instant no longer accepted. A fixed date rather than "now" keeps an ingest reproducible;
    /// a row dated 0001 or 9999 would otherwise stretch every time-bucketed view over ten millennia.
    /// </summary>
    public DateTimeOffset LatestTimestamp { get; init; } = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The shortest IPv4 prefix of a <c>cidr</c> indicator (a /16 is 65,536 addresses).</summary>
    public int MinCidrPrefixV4 { get; init; } = 16;

    /// <summary>The shortest IPv6 prefix of a <c>cidr</c> indicator (a /32 is one ISP's allocation).</summary>
    public int MinCidrPrefixV6 { get; init; } = 32;

    /// <summary>
    /// The highest confidence of an <c>asn</c> indicator. An ASN is a whole network (a cloud, a campus, a
    /// mobile carrier): below the 0.5 at which one indicator may attribute on its own, it can only corroborate.
    /// </summary>
    public double MaxAsnConfidence { get; init; } = 0.49;

    public static RecordLimits Default { get; } = new();

    /// <summary>Whether an instant is inside [<see cref="EarliestTimestamp"/>, <see cref="LatestTimestamp"/>).</summary>
    public bool IsPlausible(DateTimeOffset instant) => instant >= EarliestTimestamp && instant < LatestTimestamp;
}
