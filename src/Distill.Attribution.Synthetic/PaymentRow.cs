namespace Distill.Attribution.Synthetic;

/// <summary>A row of payments.csv.</summary>
internal sealed record PaymentRow(string Fingerprint, string Kind, string? Bin, string? IssuerCountry, long FirstSeen);
