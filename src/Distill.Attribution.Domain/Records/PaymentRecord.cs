namespace Distill.Attribution.Domain.Records;

/// <summary>An account used a payment instrument (an opaque fingerprint, never a card number).</summary>
public sealed record PaymentRecord(
    string AccountId,
    string InstrumentFingerprint,
    PaymentKind? Kind,
    string? Bin,
    string? IssuerCountry,
    DateTimeOffset FirstSeen);
