using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>The contract's rules for a releases row.</summary>
public sealed class ReleaseRecordValidator : RawRecordValidator
{
    public ReleaseRecordValidator()
        : base(RecordKind.Releases)
    {
        Required(ReleaseFields.Model);
        Required(ReleaseFields.ReleasedAt).Timestamp();
    }
}
