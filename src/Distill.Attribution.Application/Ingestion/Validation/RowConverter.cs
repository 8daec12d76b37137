using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;
using FluentValidation;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>
/// Validates a <see cref="RawRow"/> and builds its contract record: requests through
/// <see cref="RequestRowParser"/>, the other (small) kinds through their FluentValidation validator.
/// Both paths share the checks made before (no NUL, no card number in any field) and after (plausible
/// timestamps, indicators that are not over-broad), so they give the same verdicts.
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
    private readonly RecordLimits _limits;
    private readonly string[] _names;

    public RowConverter(RecordKind kind, bool useFastRequestPath = true, RecordLimits? limits = null)
    {
        _kind = kind;
        _requests = kind == RecordKind.Requests && useFastRequestPath ? new RequestRowParser() : null;
        _limits = limits ?? RecordLimits.Default;
        _names = RecordSchema.For(kind).Names;
    }

    /// <summary>The validator of a kind (the rule definitions, also used by tests).</summary>
    public static IValidator<RawRecord> ValidatorFor(RecordKind kind) => Validators[(int)kind];

    public bool TryConvert(RawRow row, out object? record, out string? field, out string? reason)
    {
        record = null;
        if (row.HasError)
        {
            field = row.ErrorField;
            reason = row.ErrorReason;
            return false;
        }

        for (var slot = 0; slot < row.SlotCount; slot++)
        {
            var problem = ValueProblem(row.Get(slot));
            if (problem is not null)
            {
                field = _names[slot];
                reason = problem;
                return false;
            }
        }

        bool ok;
        if (_requests is not null)
        {
            ok = _requests.TryParse(row, out var request, out field, out reason);
            record = request;
        }
        else
        {
            ok = TryConvertValidated(RawRecord.From(_kind, row), out record, out field, out reason);
        }

        return ok && Plausible(record!, _limits, out field, out reason);
    }

    /// <summary>Validates a raw record with its FluentValidation validator and maps it (default limits).</summary>
    public static bool TryConvert(RawRecord raw, out object? record, out string? field, out string? reason) =>
        TryConvert(raw, RecordLimits.Default, out record, out field, out reason);

    /// <summary>Validates a raw record with its FluentValidation validator and maps it.</summary>
    public static bool TryConvert(RawRecord raw, RecordLimits limits, out object? record, out string? field, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(limits);
        record = null;
        var names = RecordSchema.For(raw.Kind).Names;
        for (var slot = 0; slot < raw.Values.Count; slot++)
        {
            var problem = ValueProblem(raw[slot]);
            if (problem is not null)
            {
                field = names[slot];
                reason = problem;
                return false;
            }
        }

        return TryConvertValidated(raw, out record, out field, out reason) && Plausible(record!, limits, out field, out reason);
    }

    /// <summary>A problem of any field of any kind, whatever its type: a NUL character or a card number.</summary>
    internal static string? ValueProblem(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return null;
        }

        if (utf8.Contains((byte)0))
        {
            return FieldMessages.Nul;
        }

        return CardNumbers.Contains(utf8) ? FieldMessages.CardNumber : null;
    }

    internal static string? ValueProblem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return FieldMessages.Nul;
        }

        return CardNumbers.Contains(value) ? FieldMessages.CardNumber : null;
    }

    /// <summary>The limits checked on a typed record: timestamps in range, indicators not over-broad.</summary>
    internal static bool Plausible(object record, RecordLimits limits, out string? field, out string? reason)
    {
        field = null;
        reason = null;
        var (timeField, time) = TimeOf(record);
        if (time is { } instant && !limits.IsPlausible(instant))
        {
            field = timeField;
            reason = FieldMessages.TimestampRange(limits.EarliestTimestamp, limits.LatestTimestamp);
            return false;
        }

        if (record is IndicatorRecord indicator)
        {
            reason = IndicatorProblem(indicator, limits);
            if (reason is not null)
            {
                field = IndicatorFields.Names[indicator.Kind == IndicatorKind.Asn ? IndicatorFields.Confidence : IndicatorFields.Value];
                return false;
            }
        }

        return true;
    }

    private static (string? Field, DateTimeOffset? Time) TimeOf(object record) => record switch
    {
        AccountRecord a => (AccountFields.Names[AccountFields.CreatedAt], a.CreatedAt),
        PaymentRecord p => (PaymentFields.Names[PaymentFields.FirstSeen], p.FirstSeen),
        SessionRecord s => (SessionFields.Names[SessionFields.SeenAt], s.SeenAt),
        RequestRecord r => (RequestFields.Names[RequestFields.Ts], r.Ts),
        ReleaseRecord r => (ReleaseFields.Names[ReleaseFields.ReleasedAt], r.ReleasedAt),
        _ => (null, null),
    };

    private static string? IndicatorProblem(IndicatorRecord indicator, RecordLimits limits)
    {
        switch (indicator.Kind)
        {
            case IndicatorKind.Cidr:
                var slash = indicator.Value.IndexOf('/', StringComparison.Ordinal);
                if (slash < 0 || !FieldRules.TryParseInteger(indicator.Value.AsSpan(slash + 1), out var prefix))
                {
                    return null;
                }

                if (prefix == 0)
                {
                    return FieldMessages.CidrPrefixZero;
                }

                var v6 = indicator.Value.AsSpan(0, slash).Contains(':');
                return prefix < (v6 ? limits.MinCidrPrefixV6 : limits.MinCidrPrefixV4)
                    ? FieldMessages.CidrTooBroad(limits.MinCidrPrefixV4, limits.MinCidrPrefixV6)
                    : null;
            case IndicatorKind.Asn:
                return indicator.Confidence > limits.MaxAsnConfidence ? FieldMessages.AsnTooConfident(limits.MaxAsnConfidence) : null;
            default:
                return null;
        }
    }

    private static bool TryConvertValidated(RawRecord raw, out object? record, out string? field, out string? reason)
    {
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
