namespace Distill.Attribution.Domain.Records;

/// <summary>One API exchange; unique by request id.</summary>
public sealed record RequestRecord(
    string RequestId,
    string AccountId,
    DateTimeOffset Ts,
    string Model,
    string? Capability,
    string? PromptFingerprint,
    string? Ip,
    string? Client,
    long? InputTokens,
    long? OutputTokens);
