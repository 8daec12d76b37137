using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Testing.Builders;

/// <summary>Builds an <see cref="IndicatorRecord"/> with plausible defaults.</summary>
public sealed class IndicatorRecordBuilder
{
    private IndicatorRecord record = new("op-a", "Example Lab", IndicatorKind.EmailDomain, "evil.example", 0.5, "peer-share");

    public IndicatorRecordBuilder ForOperator(string operatorId, string? name = null) => Set(record with { OperatorId = operatorId, OperatorName = name });
    public IndicatorRecordBuilder Matching(IndicatorKind kind, string value) => Set(record with { Kind = kind, Value = value });
    public IndicatorRecordBuilder WithConfidence(double confidence) => Set(record with { Confidence = confidence });
    public IndicatorRecordBuilder FromSource(string? source) => Set(record with { Source = source });
    public IndicatorRecord Build() => record;

    private IndicatorRecordBuilder Set(IndicatorRecord value)
    {
        record = value;
        return this;
    }
}
