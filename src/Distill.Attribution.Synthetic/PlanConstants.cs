namespace Distill.Attribution.Synthetic;

/// <summary>The period's time units and the capability table every planner indexes.</summary>
internal static class PlanConstants
{
    public const long Hour = 3_600_000L;
    public const long Day = 24 * Hour;
    public const int PeriodDays = 60;
    public const long Never = long.MaxValue;

    // Indices into the capability table; order matches Capabilities.
    public const int ReasoningCot = 0;
    public const int RubricGrading = 1;
    public const int CensorshipRewrite = 2;
    public const int AgenticCoding = 3;
    public const int ToolUse = 4;
    public const int ComputerUse = 5;
    public const int Vision = 6;
    public const int Chat = 7;
    public const int Other = 8;

    public static readonly string[] Capabilities =
        ["reasoning_cot", "rubric_grading", "censorship_rewrite", "agentic_coding", "tool_use", "computer_use", "vision", "chat", "other"];
}
