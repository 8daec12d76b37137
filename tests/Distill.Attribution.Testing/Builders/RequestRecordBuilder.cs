using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Testing.Builders;

/// <summary>Builds a <see cref="RequestRecord"/> with plausible defaults.</summary>
public sealed class RequestRecordBuilder
{
    private RequestRecord record = new(
        "req-1", "acct-1", TestTime.At(0), "model-a", "chat", "pf-1", "203.0.113.7", "sdk-py/1.0", 100, 200);

    public RequestRecordBuilder WithId(string requestId) => Set(record with { RequestId = requestId });
    public RequestRecordBuilder ForAccount(string accountId) => Set(record with { AccountId = accountId });
    public RequestRecordBuilder At(DateTimeOffset ts) => Set(record with { Ts = ts });
    public RequestRecordBuilder ToModel(string model) => Set(record with { Model = model });
    public RequestRecordBuilder WithCapability(string? capability) => Set(record with { Capability = capability });
    public RequestRecordBuilder WithPromptFingerprint(string? fingerprint) => Set(record with { PromptFingerprint = fingerprint });
    public RequestRecordBuilder FromIp(string? ip) => Set(record with { Ip = ip });
    public RequestRecordBuilder WithClient(string? client) => Set(record with { Client = client });
    public RequestRecordBuilder WithTokens(long? input, long? output) => Set(record with { InputTokens = input, OutputTokens = output });
    public RequestRecord Build() => record;

    private RequestRecordBuilder Set(RequestRecord value)
    {
        record = value;
        return this;
    }
}
