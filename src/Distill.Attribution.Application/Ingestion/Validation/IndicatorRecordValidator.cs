using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;
using FluentValidation;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>The contract's rules for an indicators row, including a value check per indicator kind.</summary>
public sealed class IndicatorRecordValidator : RawRecordValidator
{
    public IndicatorRecordValidator()
        : base(RecordKind.Indicators)
    {
        Required(IndicatorFields.OperatorId);
        Required(IndicatorFields.Kind).OneOf<IndicatorKind>();
        Required(IndicatorFields.Value)
            .Custom((value, context) =>
            {
                var kindText = context.InstanceToValidate[IndicatorFields.Kind];
                if (value is null || kindText is null || !ContractNames.TryParse(kindText, out IndicatorKind kind))
                {
                    return;
                }

                var reason = ValueProblem(kind, value);
                if (reason is not null)
                {
                    context.AddFailure(reason);
                }
            });
        Optional(IndicatorFields.Confidence).Confidence();
    }

    /// <summary>Why an indicator value does not fit its kind, or null when it fits.</summary>
    internal static string? ValueProblem(IndicatorKind kind, string value) => kind switch
    {
        IndicatorKind.Ip => FieldRules.TryNormaliseIp(value, out _) ? null : FieldMessages.Ip,
        IndicatorKind.Cidr => FieldRules.IsCidr(value) ? null : FieldMessages.Cidr,
        IndicatorKind.Asn => FieldRules.TryNormaliseAsn(value, out _) ? null : FieldMessages.Asn,
        IndicatorKind.EmailHash => FieldRules.IsHex64(value) ? null : FieldMessages.EmailHash,
        IndicatorKind.PaymentFingerprint => FieldRules.IsCardNumber(value) ? FieldMessages.CardNumber
            : FieldRules.IsLength1To128(value) ? null : FieldMessages.Length1To128,
        IndicatorKind.AccountId => FieldRules.IsLength1To128(value) ? null : FieldMessages.Length1To128,
        _ => null,
    };
}
