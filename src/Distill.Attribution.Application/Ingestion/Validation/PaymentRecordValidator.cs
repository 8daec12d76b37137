using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>The contract's rules for a payments row; a raw card number is rejected first, before any length rule can quote it.</summary>
public sealed class PaymentRecordValidator : RawRecordValidator
{
    public PaymentRecordValidator()
        : base(RecordKind.Payments)
    {
        Required(PaymentFields.AccountId).Length1To128();
        Required(PaymentFields.InstrumentFingerprint).NotCardNumber().Length1To128();
        Optional(PaymentFields.Kind).OneOf<PaymentKind>();
        Optional(PaymentFields.Bin).Bin();
        Optional(PaymentFields.IssuerCountry).Country();
        Required(PaymentFields.FirstSeen).Timestamp();
    }
}
