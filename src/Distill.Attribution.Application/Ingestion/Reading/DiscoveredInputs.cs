namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>What discovery (<see cref="Abstractions.IInputFileSystem.Discover"/>) found: files in write order, warnings, usage errors.</summary>
public sealed record DiscoveredInputs(
    IReadOnlyList<InputFile> Files,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Errors);
