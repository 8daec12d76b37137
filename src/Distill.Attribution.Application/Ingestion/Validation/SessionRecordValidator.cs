using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>The contract's rules for a sessions row.</summary>
public sealed class SessionRecordValidator : RawRecordValidator
{
    public SessionRecordValidator()
        : base(RecordKind.Sessions)
    {
        Required(SessionFields.AccountId).Length1To128();
        Required(SessionFields.Ip).Ip();
        Required(SessionFields.SeenAt).Timestamp();
        Optional(SessionFields.Asn).AsnNumber();
        Optional(SessionFields.IpType).OneOf<IpType>();
    }
}
