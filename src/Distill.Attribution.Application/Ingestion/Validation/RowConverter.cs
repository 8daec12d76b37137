using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;
using FluentValidation;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>
/// Validates a <see cref="RawRow"/> and builds its contract record: requests through
/// <see cref="RequestRowParser"/>, the other (small) kinds through their FluentValidation validator.
/// One instance per file being read (it holds string caches); not thread-safe.
/// </summary>
internal sealed class RowConverter
{
    private static readonly IValidator<RawRecord>[] Validators =
    [
        new AccountRecordValidator(),
        new PaymentRecordValidator(),
        new SessionRecordValidator(),
        new RequestRecordValidator(),
        new ReleaseRecordValidator(),
        new IndicatorRecordValidator(),
    ];

    private readonly RecordKind _kind;
    private readonly RequestRowParser? _requests;

    public RowConverter(RecordKind kind, bool useFastRequestPath = true)
    {
        _kind = kind;
        _requests = kind == RecordKind.Requests && useFastRequestPath ? new RequestRowParser() : null;
    }

    /// <summary>The validator of a kind (the rule definitions, also used by tests).</summary>
    public static IValidator<RawRecord> ValidatorFor(RecordKind kind) => Validators[(int)kind];

    public bool TryConvert(RawRow row, out object? record, out string? field, out string? reason)
    {
        if (row.HasError)
        {
            record = null;
            field = row.ErrorField;
            reason = row.ErrorReason;
            return false;
        }

        if (_requests is not null)
        {
            var ok = _requests.TryParse(row, out var request, out field, out reason);
            record = request;
            return ok;
        }

        return TryConvert(RawRecord.From(_kind, row), out record, out field, out reason);
    }

    /// <summary>Validates a raw record with its FluentValidation validator and maps it.</summary>
    public static bool TryConvert(RawRecord raw, out object? record, out string? field, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var result = Validators[(int)raw.Kind].Validate(raw);
        if (!result.IsValid)
        {
            record = null;
            field = result.Errors[0].PropertyName;
            reason = result.Errors[0].ErrorMessage;
            return false;
        }

        record = RecordMapper.Map(raw);
        field = null;
        reason = null;
        return true;
    }
}
