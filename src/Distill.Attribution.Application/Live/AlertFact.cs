namespace Distill.Attribution.Application.Live;

/// <summary>One piece of the evidence an alert carries (<c>members 12 → 17</c>, <c>operator op-a</c>).</summary>
public sealed record AlertFact(string Name, string Value);
