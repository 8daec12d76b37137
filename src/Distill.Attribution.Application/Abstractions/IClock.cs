namespace Distill.Attribution.Application.Abstractions;

/// <summary>The time, injectable so runs, audit entries and evidence packs are reproducible in tests.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
}
