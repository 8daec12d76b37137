namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// A versioned detection run: what went in (input hash, parameters and their hash, code version), what came
/// out (clusters, membership hash) and how to continue numbering cluster ids in the next run.
/// </summary>
public sealed record DetectionRun
{
    /// <summary><c>run-0001</c>, <c>run-0002</c>, ...</summary>
    public required string RunId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DetectionParameters Parameters { get; init; }

    public required string ParametersHash { get; init; }

    /// <summary>Hash of the snapshot's store contents.</summary>
    public required string InputHash { get; init; }

    public required string CodeVersion { get; init; }

    /// <summary>Hash of the membership alone (see <see cref="MembershipHash"/>): same data and parameters, same hash.</summary>
    public required string MembershipHash { get; init; }

    /// <summary>Operators the indicators named when the run was made (attribution can only pick among these).</summary>
    public required IReadOnlyList<string> KnownOperators { get; init; }

    public required IReadOnlyList<DetectedCluster> Clusters { get; init; }

    /// <summary>The number the next new cluster id takes, so a retired id is never reused.</summary>
    public required int NextClusterNumber { get; init; }

    public DetectionStats? Stats { get; init; }
}
