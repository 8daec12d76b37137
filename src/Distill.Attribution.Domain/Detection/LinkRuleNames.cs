namespace Distill.Attribution.Domain.Detection;

/// <summary>The snake_case names of link rules used in evidence and exports.</summary>
public static class LinkRuleNames
{
    private static readonly string[] Names = ["shared_payment", "shared_ip", "lockstep", "shared_prompt", "shared_client", "co_use", "co_location"];

    public static string Name(LinkRule rule) => Names[(int)rule];
}
