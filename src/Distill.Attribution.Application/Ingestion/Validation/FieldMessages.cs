namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>
/// Reject reasons shared by the FluentValidation validators and the fast request path, so both give
/// the same verdict word for word. No reason contains the rejected value: a value can be a secret.
/// </summary>
internal static class FieldMessages
{
    public const string Required = "required";
    public const string Length1To128 = "must be 1-128 characters";
    public const string Timestamp = "must be an RFC 3339 timestamp such as 2026-01-05T13:04:11Z";
    public const string TimestampWithoutOffset = "timestamp has no UTC offset; add Z or +hh:mm";
    public const string EmailHash = "must be 64 hexadecimal characters (a SHA-256)";
    public const string Country = "must be an ISO 3166-1 alpha-2 code (two letters)";
    public const string Bin = "must be 6-8 digits";
    public const string Ip = "must be an IPv4 or IPv6 address";
    public const string Integer = "must be an integer";
    public const string NonNegative = "must be an integer >= 0";
    public const string Confidence = "must be a number in [0, 1]";
    public const string Cidr = "must be a CIDR block such as 203.0.113.0/24 or 2001:db8::/32";
    public const string Asn = "must be an AS number such as 64500 or AS64500";
    public const string CardNumber = "looks like a raw card number (13-19 digits passing the Luhn check); rejected and never stored: send an opaque fingerprint";
    public const string Nul = "contains a NUL character";
    public const string AsnRange = "must be an AS number in 0-4294967295";
    public const string CidrPrefixZero = "a /0 block covers every address; not a usable indicator";

    public static string TimestampRange(DateTimeOffset earliest, DateTimeOffset latest) =>
        $"timestamp outside the plausible range {Utc(earliest)} to {Utc(latest)} (see ingest's --earliest and --latest)";

    public static string CidrTooBroad(int minV4, int minV6) =>
        $"over-broad indicator: a CIDR block must be at least /{minV4} (IPv4) or /{minV6} (IPv6); it would name whole networks of innocent users";

    public static string AsnTooConfident(double max) =>
        $"over-broad indicator: an ASN names a whole network, so its confidence may be at most {max.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}";

    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Enum<TEnum>()
        where TEnum : struct, System.Enum => EnumMessage<TEnum>.Text;

    private static class EnumMessage<TEnum>
        where TEnum : struct, System.Enum
    {
        public static readonly string Text = "unknown value; expected one of: " + string.Join(", ", Domain.Records.ContractNames.NamesOf<TEnum>());
    }
}
