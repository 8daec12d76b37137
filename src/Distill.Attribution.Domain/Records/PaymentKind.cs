namespace Distill.Attribution.Domain.Records;

#pragma warning disable CA1028 // Stored as its byte value.
/// <summary>Kind of a payment instrument.</summary>
public enum PaymentKind : byte
{
    Card,
    Bank,
    Wallet,
    Crypto,
    Invoice,
    Other,
}
#pragma warning restore CA1028
