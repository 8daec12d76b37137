namespace Distill.Attribution.Domain.Audit;

/// <summary>
/// What the store's anchor outside the database says about the trail: how many entries it had and the hash of the
/// last one, authenticated with a key that is not in the database either. Lets <c>audit verify</c> notice a
/// deleted tail, an emptied trail, or an entry edited with the chain recomputed after it.
/// </summary>
/// <param name="State">Whether an anchor exists and is authentic.</param>
/// <param name="Sequence">The anchored entry count (the sequence of the last anchored entry).</param>
/// <param name="HeadHash">The hash of that entry.</param>
/// <param name="Problem">Why the anchor is missing or not authentic.</param>
public sealed record AuditAnchor(AuditAnchorState State, long Sequence, string? HeadHash, string? Problem)
{
    /// <summary>For stores without an external anchor (in-memory test doubles).</summary>
    public static AuditAnchor NotSupported { get; } = new(AuditAnchorState.NotSupported, 0, null, null);
}
