namespace Distill.Attribution.Application.Abstractions;

/// <summary>Where the detector's measured precision/recall comes from; null means "not measured" (never invented).</summary>
public interface IDetectorQualitySource
{
    Task<DetectorQuality?> ReadAsync(CancellationToken ct);
}
