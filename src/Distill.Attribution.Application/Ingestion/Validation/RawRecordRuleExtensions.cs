using Distill.Attribution.Domain.Records;
using FluentValidation;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>The contract's field rules as FluentValidation rules; absent values pass (see Required).</summary>
internal static class RawRecordRuleExtensions
{
    public static IRuleBuilderOptions<RawRecord, string?> Length1To128(this IRuleBuilder<RawRecord, string?> rule) =>
        rule.Must(v => v is null || FieldRules.IsLength1To128(v)).WithMessage(FieldMessages.Length1To128);

    public static IRuleBuilderOptions<RawRecord, string?> NotCardNumber(this IRuleBuilder<RawRecord, string?> rule) =>
        rule.Must(v => v is null || !FieldRules.IsCardNumber(v)).WithMessage(FieldMessages.CardNumber);

    public static IRuleBuilderOptions<RawRecord, string?> Timestamp(this IRuleBuilder<RawRecord, string?> rule) =>
        rule.Must(v => v is null || FieldRules.TryParseTimestamp(v, out _, out var missing) || missing).WithMessage(FieldMessages.Timestamp)
            .Must(v => v is null || FieldRules.TryParseTimestamp(v, out _, out _)).WithMessage(FieldMessages.TimestampWithoutOffset);

    public static IRuleBuilderOptions<RawRecord, string?> OneOf<TEnum>(this IRuleBuilder<RawRecord, string?> rule)
        where TEnum : struct, Enum =>
        rule.Must(v => v is null || ContractNames.NamesOf<TEnum>().Contains(v)).WithMessage(FieldMessages.Enum<TEnum>());

    public static IRuleBuilderOptions<RawRecord, string?> Hex64(this IRuleBuilder<RawRecord, string?> rule) =>
        rule.Must(v => v is null || FieldRules.IsHex64(v)).WithMessage(FieldMessages.EmailHash);

    public static IRuleBuilderOptions<RawRecord, string?> Country(this IRuleBuilder<RawRecord, string?> rule) =>
        rule.Must(v => v is null || FieldRules.IsCountry(v)).WithMessage(FieldMessages.Country);

    public static IRuleBuilderOptions<RawRecord, string?> Bin(this IRuleBuilder<RawRecord, string?> rule) =>
        rule.Must(v => v is null || FieldRules.IsBin(v)).WithMessage(FieldMessages.Bin);

    public static IRuleBuilderOptions<RawRecord, string?> Ip(this IRuleBuilder<RawRecord, string?> rule) =>
        rule.Must(v => v is null || FieldRules.TryNormaliseIp(v, out _)).WithMessage(FieldMessages.Ip);

    public static IRuleBuilderOptions<RawRecord, string?> NonNegativeInteger(this IRuleBuilder<RawRecord, string?> rule) =>
        rule.Must(v => v is null || FieldRules.TryParseInteger(v, out _)).WithMessage(FieldMessages.Integer)
            .Must(v => v is null || (FieldRules.TryParseInteger(v, out var n) && n >= 0)).WithMessage(FieldMessages.NonNegative);

    public static IRuleBuilderOptions<RawRecord, string?> AsnNumber(this IRuleBuilder<RawRecord, string?> rule) =>
        rule.NonNegativeInteger()
            .Must(v => v is null || (FieldRules.TryParseInteger(v, out var n) && FieldRules.IsAsnNumber(n))).WithMessage(FieldMessages.AsnRange);

    public static IRuleBuilderOptions<RawRecord, string?> Confidence(this IRuleBuilder<RawRecord, string?> rule) =>
        rule.Must(v => v is null || FieldRules.TryParseConfidence(v, out _)).WithMessage(FieldMessages.Confidence);
}
