using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Distill.Attribution.Domain.Audit;

/// <summary>Builds and checks the hash chain of the audit trail.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Makes the next entry after <paramref name="previous"/> (null for the first).</summary>
    public static AuditEntry Append(
        AuditEntry? previous,
        DateTimeOffset time,
        string keyId,
        string role,
        string? operationName,
        string documentHash,
        string variablesJson,
        string outcome)
    {
        var sequence = (previous?.Sequence ?? 0) + 1;
        var previousHash = previous?.Hash ?? Genesis;
        var entry = new AuditEntry(sequence, time.ToUniversalTime(), keyId, role, operationName, documentHash, variablesJson, outcome, previousHash, string.Empty);
        return entry with { Hash = ComputeHash(entry) };
    }

    /// <summary>
    /// The hash of an entry: SHA-256 over its fields, each length-prefixed so that no two different entries
    /// serialise alike, and the previous entry's hash.
    /// </summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        Field(text, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(text, entry.Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        Field(text, entry.KeyId);
        Field(text, entry.Role);
        Field(text, entry.OperationName ?? "\0");
        Field(text, entry.DocumentHash);
        Field(text, entry.VariablesJson);
        Field(text, entry.Outcome);
        Field(text, entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Checks a whole trail in sequence order. Returns null when intact, else the first entry that does
    /// not chain (its sequence number and why).
    /// </summary>
    public static AuditBreak? Verify(IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var expectedSequence = 1L;
        var previousHash = Genesis;
        foreach (var entry in entries)
        {
            if (entry.Sequence != expectedSequence)
            {
                return new AuditBreak(expectedSequence, $"entry {expectedSequence} is missing (found {entry.Sequence} in its place)");
            }

            if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return new AuditBreak(entry.Sequence, "its previous-hash does not match the entry before it");
            }

            if (!string.Equals(ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditBreak(entry.Sequence, "its contents do not match its hash (altered)");
            }

            previousHash = entry.Hash;
            expectedSequence++;
        }

        return null;
    }

    /// <summary>
    /// Checks the chain (<see cref="Verify(IEnumerable{AuditEntry})"/>) and then the anchor: the anchored entry must
    /// exist with the anchored hash. Entries after the anchored one are allowed (a crash between the commit and the
    /// anchor update leaves at most the entries in flight unanchored), and reported by the caller.
    /// </summary>
    public static AuditBreak? Verify(IReadOnlyList<AuditEntry> entries, AuditAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(anchor);
        if (Verify(entries) is { } broken)
        {
            return broken;
        }

        switch (anchor.State)
        {
            case AuditAnchorState.NotSupported:
                return null;
            case AuditAnchorState.None:
                return entries.Count == 0
                    ? null
                    : new AuditBreak(1, $"the trail has {entries.Count} entries but no anchor outside the store: its completeness cannot be proven");
            case AuditAnchorState.Invalid:
                return new AuditBreak(Math.Max(1, entries.Count), "the anchor outside the store is not authentic: " + anchor.Problem);
            default:
                break;
        }

        if (anchor.Sequence > entries.Count)
        {
            return new AuditBreak(entries.Count + 1, $"the anchor records {anchor.Sequence} entries but the trail has {entries.Count}: entries were deleted");
        }

        if (anchor.Sequence > 0 && !string.Equals(entries[(int)anchor.Sequence - 1].Hash, anchor.HeadHash, StringComparison.Ordinal))
        {
            return new AuditBreak(anchor.Sequence, "the entry does not match the anchor outside the store (the trail was rewritten)");
        }

        return null;
    }

    private static void Field(StringBuilder text, string value) =>
        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
}
