namespace Distill.Attribution.Domain.Detection;

/// <summary>The evidence view that created an account–account link.</summary>
public enum LinkRule
{
    SharedPayment,
    SharedIp,
    Lockstep,
    SharedPrompt,
    SharedClient,
}
