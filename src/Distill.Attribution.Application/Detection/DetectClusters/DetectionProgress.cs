namespace Distill.Attribution.Application.Detection.DetectClusters;

/// <summary>A detection phase that has just ended, and how long it took.</summary>
public readonly record struct DetectionProgress(string Phase, TimeSpan Elapsed);
