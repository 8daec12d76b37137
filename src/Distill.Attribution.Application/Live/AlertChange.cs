namespace Distill.Attribution.Application.Live;

/// <summary>An alert raised or updated by a run: what is saved and delivered.</summary>
public sealed record AlertChange(LiveAlert Alert, bool IsNew);
