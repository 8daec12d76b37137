using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>
/// Turns a validated <see cref="RawRecord"/> into its contract record, normalising what the contract
/// leaves open: timestamps to UTC, hashes and domains to lower case, countries to upper case, IPv6 to
/// its canonical text, a missing confidence to 0.5.
/// </summary>
internal static class RecordMapper
{
    public const double DefaultConfidence = 0.5;

    /// <summary>Maps a raw record that its validator accepted.</summary>
    public static object Map(RawRecord r) => r.Kind switch
    {
        RecordKind.Accounts => new AccountRecord(
            r[AccountFields.AccountId]!,
            Time(r[AccountFields.CreatedAt]),
            r[AccountFields.EmailDomain]?.ToLowerInvariant(),
            r[AccountFields.EmailHash]?.ToLowerInvariant(),
            r[AccountFields.DisplayName],
            r[AccountFields.OrgName],
            Enum<AccessPathway>(r[AccountFields.AccessPathway]!),
            r[AccountFields.Country]?.ToUpperInvariant(),
            r[AccountFields.Status] is { } status ? Enum<AccountStatus>(status) : null),
        RecordKind.Payments => new PaymentRecord(
            r[PaymentFields.AccountId]!,
            r[PaymentFields.InstrumentFingerprint]!,
            r[PaymentFields.Kind] is { } kind ? Enum<PaymentKind>(kind) : null,
            r[PaymentFields.Bin],
            r[PaymentFields.IssuerCountry]?.ToUpperInvariant(),
            Time(r[PaymentFields.FirstSeen])),
        RecordKind.Sessions => new SessionRecord(
            r[SessionFields.AccountId]!,
            Ip(r[SessionFields.Ip])!,
            Time(r[SessionFields.SeenAt]),
            Integer(r[SessionFields.Asn]),
            r[SessionFields.AsnOrg],
            r[SessionFields.IpType] is { } ipType ? Enum<IpType>(ipType) : null),
        RecordKind.Requests => new RequestRecord(
            r[RequestFields.RequestId]!,
            r[RequestFields.AccountId]!,
            Time(r[RequestFields.Ts]),
            r[RequestFields.Model]!,
            r[RequestFields.Capability],
            r[RequestFields.PromptFingerprint],
            Ip(r[RequestFields.Ip]),
            r[RequestFields.Client],
            Integer(r[RequestFields.InputTokens]),
            Integer(r[RequestFields.OutputTokens])),
        RecordKind.Releases => new ReleaseRecord(r[ReleaseFields.Model]!, Time(r[ReleaseFields.ReleasedAt])),
        RecordKind.Indicators => MapIndicator(r),
        _ => throw new ArgumentOutOfRangeException(nameof(r), r.Kind, "Unknown record kind."),
    };

    private static IndicatorRecord MapIndicator(RawRecord r)
    {
        var kind = Enum<IndicatorKind>(r[IndicatorFields.Kind]!);
        var value = r[IndicatorFields.Value]!;
        value = kind switch
        {
            IndicatorKind.Ip => Ip(value)!,
            IndicatorKind.Asn => FieldRules.TryNormaliseAsn(value, out var digits) ? digits : value,
            IndicatorKind.EmailHash or IndicatorKind.EmailDomain => value.ToLowerInvariant(),
            _ => value,
        };
        var confidence = r[IndicatorFields.Confidence] is { } text && FieldRules.TryParseConfidence(text, out var c) ? c : DefaultConfidence;
        return new IndicatorRecord(r[IndicatorFields.OperatorId]!, r[IndicatorFields.OperatorName], kind, value, confidence, r[IndicatorFields.Source]);
    }

    private static DateTimeOffset Time(string? text) =>
        FieldRules.TryParseTimestamp(text, out var utc, out _) ? utc : throw new InvalidOperationException("Map called on an unvalidated record.");

    private static long? Integer(string? text) => text is null ? null : FieldRules.TryParseInteger(text, out var v) ? v : null;

    private static string? Ip(string? text) => text is not null && FieldRules.TryNormaliseIp(text, out var canonical) ? canonical : text;

    private static TEnum Enum<TEnum>(string text)
        where TEnum : struct, Enum
    {
        var names = ContractNames.NamesOf<TEnum>();
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == text)
            {
                return (TEnum)System.Enum.ToObject(typeof(TEnum), i);
            }
        }

        throw new InvalidOperationException("Map called on an unvalidated record.");
    }
}
