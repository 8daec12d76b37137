using Distill.Attribution.Infrastructure.ContentHashing;

namespace Distill.Attribution.Sqlite;

/// <summary>
/// What the store held when the writer last committed (read inside its transaction, just before COMMIT), so that
/// after another connection's commit the writer can tell which of its in-memory structures are still true instead
/// of dropping them all (decision D24): the schema version, the requests table's row count and content digest as the
/// writers keep them (<c>content_digests</c>), its last row id and a hash of that row's request_id, the aggregate
/// watermark, and each dictionary's last row id and value.
/// </summary>
internal sealed record SqliteWriterMarks(
    int SchemaVersion,
    long RequestRows,
    byte[] RequestDigest,
    long RequestsUpTo,
    ulong LastRequestIdHash,
    long Watermark,
    SqliteWriterMarks.DictionaryMark[] Dictionaries)
{
    /// <summary>Reads the marks through <paramref name="statement"/> (the writer's prepared statements), in the open transaction.</summary>
    public static SqliteWriterMarks Read(Func<string, RawStatement> statement, IReadOnlyList<string> dictionaryTables)
    {
        var schema = statement("SELECT coalesce(max(version), 0) FROM schema_migrations");
        schema.Read();
        var schemaVersion = (int)schema.GetInt64(0);
        schema.Reset();

        long rows = 0;
        var digest = new byte[ContentDigest.Size];
        var content = statement($"SELECT rows, digest FROM content_digests WHERE name = '{SqliteRows.RequestsTable}'");
        if (content.Read())
        {
            rows = content.GetInt64(0);
            digest = content.GetBlob(1).ToArray();
            content.Reset();
        }

        long upTo = 0;
        ulong lastHash = 0;
        var last = statement("SELECT id, request_id FROM requests ORDER BY id DESC LIMIT 1");
        if (last.Read())
        {
            upTo = last.GetInt64(0);
            lastHash = RequestKeySet.Hash(last.GetBlob(1));
            last.Reset();
        }

        var watermark = statement("SELECT coalesce((SELECT requests_upto FROM aggregate_watermark), 0)");
        watermark.Read();
        var upto = watermark.GetInt64(0);
        watermark.Reset();

        var dictionaries = new DictionaryMark[dictionaryTables.Count];
        for (var i = 0; i < dictionaries.Length; i++)
        {
            // Table names are the writer's own constants, never input.
            var select = statement($"SELECT id, value FROM {dictionaryTables[i]} ORDER BY id DESC LIMIT 1");
            if (select.Read())
            {
                dictionaries[i] = new DictionaryMark(select.GetInt64(0), select.GetText(1));
                select.Reset();
            }
        }

        return new SqliteWriterMarks(schemaVersion, rows, digest, upTo, lastHash, upto, dictionaries);
    }

    /// <summary>Whether the requests table is exactly as these marks saw it (count, digest, last row and its id).</summary>
    public bool SameRequests(SqliteWriterMarks other) =>
        RequestRows == other.RequestRows && RequestsUpTo == other.RequestsUpTo && LastRequestIdHash == other.LastRequestIdHash
        && RequestDigest.AsSpan().SequenceEqual(other.RequestDigest);

    /// <summary>A dictionary's last row: its id (0 for an empty table) and value.</summary>
    internal readonly record struct DictionaryMark(long LastId, string? LastValue);
}
