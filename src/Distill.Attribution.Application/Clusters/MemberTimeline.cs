namespace Distill.Attribution.Application.Clusters;

/// <summary>
/// Requests per member and time bucket, sparse: bucket <c>i</c> starts at <see cref="Start"/> + i × <see cref="BucketMillis"/>.
/// <see cref="Start"/> is null when no member made a request.
/// </summary>
public sealed record MemberTimeline(DateTimeOffset? Start, long BucketMillis, int BucketCount, IReadOnlyList<MemberActivityRow> Rows);

/// <summary>One member's non-empty buckets (offsets from the timeline's start, ascending) and their request counts.</summary>
public sealed record MemberActivityRow(string Account, IReadOnlyList<int> Buckets, IReadOnlyList<long> Requests);
