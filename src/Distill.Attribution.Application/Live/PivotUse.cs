namespace Distill.Attribution.Application.Live;

/// <summary>How a cluster took up a model: its first request on it and how many members used it within the pivot window.</summary>
public sealed record PivotUse(DateTimeOffset FirstUse, int MembersWithinWindow);
