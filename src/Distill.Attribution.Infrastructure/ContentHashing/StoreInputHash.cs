using System.Buffers.Binary;
using System.Security.Cryptography;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Infrastructure.ContentHashing;

/// <summary>
/// The combination step of a store's content hash, shared by the SQLite store (<c>SqliteInputHash</c>) and the
/// Neo4j store (<c>StoreContentHash</c>) so that both give the same <c>InputHash</c> for the same records.
/// </summary>
internal static class StoreInputHash
{
    private static readonly byte[] Domain = "distill-store-contents/1"u8.ToArray();

    /// <summary>
    /// The input hash from each record type's row count and content digest (in <see cref="RecordKind"/> order):
    /// SHA-256 over a domain tag and, per type, the type byte, the count and the digest. Both stores use it.
    /// </summary>
    public static string Combine(ReadOnlySpan<(long Rows, ContentDigest Digest)> tables)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Domain);
        Span<byte> count = stackalloc byte[8];
        for (var kind = 0; kind < tables.Length; kind++)
        {
            hash.AppendData([(byte)kind]);
            BinaryPrimitives.WriteInt64LittleEndian(count, tables[kind].Rows);
            hash.AppendData(count);
            hash.AppendData(tables[kind].Digest.ToBytes());
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
