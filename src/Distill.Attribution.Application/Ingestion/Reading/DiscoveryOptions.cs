namespace Distill.Attribution.Application.Ingestion.Reading;

/// <summary>How discovery (<see cref="Abstractions.IInputFileSystem.Discover"/>) walks directories.</summary>
/// <param name="FollowDirectorySymlinks">Follow links to directories found while walking (each real directory once).</param>
/// <param name="RejectsPath">The rejects report path, refused when it is an input or inside an input directory.</param>
public sealed record DiscoveryOptions(bool FollowDirectorySymlinks = false, string? RejectsPath = null);
