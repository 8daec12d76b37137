using Distill.Attribution.Application.Ingestion.Reading;
using Distill.Attribution.Domain.Records;
using FluentValidation;

namespace Distill.Attribution.Application.Ingestion.Validation;

/// <summary>
/// The shared shape of the six record validators: rules in field order, and the first failure stops
/// validation, so a rejected row reports exactly one field and reason (the fast path does the same).
/// </summary>
public abstract class RawRecordValidator : AbstractValidator<RawRecord>
{
    private readonly string[] _names;

    protected RawRecordValidator(RecordKind kind)
    {
        _names = RecordSchema.For(kind).Names;
        ClassLevelCascadeMode = CascadeMode.Stop;
        RuleLevelCascadeMode = CascadeMode.Stop;
    }

    /// <summary>A required field: absent fails with "required".</summary>
    protected IRuleBuilderOptions<RawRecord, string?> Required(int slot) =>
        Optional(slot).NotNull().WithMessage(FieldMessages.Required);

    /// <summary>An optional field: the checks chained after it see only present values.</summary>
    protected IRuleBuilderInitial<RawRecord, string?> Optional(int slot)
    {
        var name = _names[slot];
        return RuleFor(r => r.Values[slot]).Configure(rule => rule.PropertyName = name);
    }
}
