namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// One input record behind an evidence link: what it is (<c>payment</c>, <c>session</c>, <c>request</c>,
/// <c>account</c>), whose, its value and when. Request rows carry the store's row id; the application
/// resolves it to the request id.
/// </summary>
public sealed record ProvenanceRecord
{
    public required string Kind { get; init; }

    public required string Account { get; init; }

    /// <summary>The shared value (instrument fingerprint, IP, template, client), when there is one.</summary>
    public string? Value { get; init; }

    public long? RequestRowId { get; init; }

    /// <summary>The request id, once resolved from <see cref="RequestRowId"/>.</summary>
    public string? RequestId { get; init; }

    public DateTimeOffset? FirstSeen { get; init; }

    public DateTimeOffset? LastSeen { get; init; }

    public int? Count { get; init; }
}
