namespace Distill.Attribution.Domain.Detection;

/// <summary>The evidence view that created an account–account link.</summary>
public enum LinkRule
{
    SharedPayment,
    SharedIp,
    Lockstep,
    SharedPrompt,
    SharedClient,

    /// <summary>Co-use of many distinct elements of one kind beyond chance (<see cref="CoUseView"/>); aux = <see cref="CoUseKind"/>.</summary>
    CoUse,

    /// <summary>Members of one co-location group (<see cref="ColocationView"/>); key = the group.</summary>
    Colocation,
}
