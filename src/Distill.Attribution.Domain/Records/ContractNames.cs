namespace Distill.Attribution.Domain.Records;

/// <summary>
/// The snake_case names the contract uses for enum values, both ways. One table per enum, so the
/// parser, the generator and the exports agree.
/// </summary>
public static class ContractNames
{
    private static readonly string[] Pathways = ["self_serve", "education", "security_research", "startup_program", "enterprise", "reseller", "other"];
    private static readonly string[] Statuses = ["active", "suspended", "closed"];
    private static readonly string[] PaymentKinds = ["card", "bank", "wallet", "crypto", "invoice", "other"];
    private static readonly string[] IpTypes = ["residential", "mobile", "datacenter", "proxy", "vpn", "tor", "unknown"];
    private static readonly string[] IndicatorKinds = ["email_domain", "email_hash", "payment_fingerprint", "ip", "cidr", "asn", "client", "org_name", "account_id", "prompt_fingerprint"];
    private static readonly string[] RecordKinds = ["accounts", "payments", "sessions", "requests", "releases", "indicators"];

    public static string Name(AccessPathway value) => Pathways[(int)value];
    public static string Name(AccountStatus value) => Statuses[(int)value];
    public static string Name(PaymentKind value) => PaymentKinds[(int)value];
    public static string Name(IpType value) => IpTypes[(int)value];
    public static string Name(IndicatorKind value) => IndicatorKinds[(int)value];
    public static string Name(RecordKind value) => RecordKinds[(int)value];

    public static bool TryParse(ReadOnlySpan<char> text, out AccessPathway value) => TryParse(Pathways, text, out value);
    public static bool TryParse(ReadOnlySpan<char> text, out AccountStatus value) => TryParse(Statuses, text, out value);
    public static bool TryParse(ReadOnlySpan<char> text, out PaymentKind value) => TryParse(PaymentKinds, text, out value);
    public static bool TryParse(ReadOnlySpan<char> text, out IpType value) => TryParse(IpTypes, text, out value);
    public static bool TryParse(ReadOnlySpan<char> text, out IndicatorKind value) => TryParse(IndicatorKinds, text, out value);
    public static bool TryParse(ReadOnlySpan<char> text, out RecordKind value) => TryParse(RecordKinds, text, out value);

    /// <summary>The allowed names of an enum, for error messages ("one of: a, b, c").</summary>
    public static IReadOnlyList<string> NamesOf<TEnum>()
        where TEnum : struct, Enum => typeof(TEnum).Name switch
        {
            nameof(AccessPathway) => Pathways,
            nameof(AccountStatus) => Statuses,
            nameof(PaymentKind) => PaymentKinds,
            nameof(IpType) => IpTypes,
            nameof(IndicatorKind) => IndicatorKinds,
            nameof(RecordKind) => RecordKinds,
            _ => throw new ArgumentException($"{typeof(TEnum).Name} is not a contract enum."),
        };

    private static bool TryParse<TEnum>(string[] names, ReadOnlySpan<char> text, out TEnum value)
        where TEnum : struct, Enum
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (text.SequenceEqual(names[i]))
            {
                value = (TEnum)Enum.ToObject(typeof(TEnum), i);
                return true;
            }
        }

        value = default;
        return false;
    }
}
