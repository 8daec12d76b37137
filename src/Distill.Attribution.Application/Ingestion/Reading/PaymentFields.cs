namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>Field slots of payments, in contract order (the order of <see cref="Names"/>).</summary>
internal static class PaymentFields
{
    public const int AccountId = 0;
    public const int InstrumentFingerprint = 1;
    public const int Kind = 2;
    public const int Bin = 3;
    public const int IssuerCountry = 4;
    public const int FirstSeen = 5;

    public static readonly string[] Names = ["account_id", "instrument_fingerprint", "kind", "bin", "issuer_country", "first_seen"];

    public static readonly bool[] Required = [true, true, false, false, false, true];
}
