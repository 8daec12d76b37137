using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Testing.Builders;

/// <summary>Builds a <see cref="PaymentRecord"/> with plausible defaults (an opaque fingerprint, never a card number).</summary>
public sealed class PaymentRecordBuilder
{
    private PaymentRecord record = new("acct-1", "pm-fp-1", PaymentKind.Card, "424242", "US", TestTime.At(0));

    public PaymentRecordBuilder ForAccount(string accountId) => Set(record with { AccountId = accountId });
    public PaymentRecordBuilder WithInstrument(string fingerprint) => Set(record with { InstrumentFingerprint = fingerprint });
    public PaymentRecordBuilder OfKind(PaymentKind? kind) => Set(record with { Kind = kind });
    public PaymentRecordBuilder WithBin(string? bin) => Set(record with { Bin = bin });
    public PaymentRecordBuilder IssuedIn(string? country) => Set(record with { IssuerCountry = country });
    public PaymentRecordBuilder FirstSeen(DateTimeOffset at) => Set(record with { FirstSeen = at });
    public PaymentRecord Build() => record;

    private PaymentRecordBuilder Set(PaymentRecord value)
    {
        record = value;
        return this;
    }
}
