namespace Distill.Attribution.Application.Common;

/// <summary>Page sizes every list accepts: enough for a screen, small enough that no request can ask for everything.</summary>
public static class PageLimits
{
    public const int DefaultFirst = 20;

    public const int MaxFirst = 100;
}
