namespace Distill.Attribution.Application.Accounts;

/// <summary>A payment instrument of an account: its opaque fingerprint, never a card number.</summary>
public sealed record AccountPayment(string Fingerprint, string? Kind, string? Bin, string? IssuerCountry, DateTimeOffset FirstSeen);
