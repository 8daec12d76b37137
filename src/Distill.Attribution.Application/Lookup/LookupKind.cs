namespace Distill.Attribution.Application.Lookup;

/// <summary>What a <c>lookup(kind, value)</c> searches by.</summary>
public enum LookupKind
{
    Ip,
    PaymentFingerprint,
    EmailDomain,
    Client,
    PromptFingerprint,
}
