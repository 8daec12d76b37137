namespace Distill.Attribution.Domain.Records;

#pragma warning disable CA1028 // Stored as its byte value.
/// <summary>What an operator indicator's value is matched against.</summary>
public enum IndicatorKind : byte
{
    EmailDomain,
    EmailHash,
    PaymentFingerprint,
    Ip,
    Cidr,
    Asn,
    Client,
    OrgName,
    AccountId,
    PromptFingerprint,
}
#pragma warning restore CA1028
