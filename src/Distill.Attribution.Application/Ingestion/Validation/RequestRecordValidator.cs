using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>
/// The contract's rules for a requests row. Ingestion uses <see cref="RequestRowParser"/> on the hot
/// path; a test proves both give the same verdicts on a corpus.
/// </summary>
public sealed class RequestRecordValidator : RawRecordValidator
{
    public RequestRecordValidator()
        : base(RecordKind.Requests)
    {
        Required(RequestFields.RequestId);
        Required(RequestFields.AccountId).Length1To128();
        Required(RequestFields.Ts).Timestamp();
        Required(RequestFields.Model);
        Optional(RequestFields.Ip).Ip();
        Optional(RequestFields.InputTokens).NonNegativeInteger();
        Optional(RequestFields.OutputTokens).NonNegativeInteger();
    }
}
