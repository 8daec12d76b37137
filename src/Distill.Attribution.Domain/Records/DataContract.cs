namespace Distill.Attribution.Domain.Records;

/// <summary>The version of the data contract (docs/data-contract.md) that this build reads and writes.</summary>
public static class DataContract
{
    /// <summary>
    /// Bumped on any change that can break a feed or a consumer; additive changes keep it. Written into
    /// every clusters export as <c>contractVersion</c>.
    /// </summary>
    public const int Version = 1;
}
