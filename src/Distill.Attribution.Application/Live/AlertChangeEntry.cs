namespace Distill.Attribution.Application.Live;

/// <summary>An alert as it stood after its change number <paramref name="Sequence"/> (see <see cref="Abstractions.IAlertChanges"/>).</summary>
public sealed record AlertChangeEntry(long Sequence, LiveAlert Alert);
