using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Live;

/// <summary>Settings of <c>distill watch</c> and <c>distill replay</c>.</summary>
public sealed record LiveOptions
{
    /// <summary>Detection parameters of every run; the defaults when null.</summary>
    public DetectionParameters? Parameters { get; init; }

    public AlertOptions Alerts { get; init; } = new();

    /// <summary>Where each batch's rejects report is written (rewritten per batch).</summary>
    public string RejectsPath { get; init; } = "./rejects.jsonl";
}
