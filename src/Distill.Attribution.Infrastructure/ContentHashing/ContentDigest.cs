using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Distill.Attribution.Infrastructure.ContentHashing;

/// <summary>
/// An order-independent digest of a set of rows: the sum of their SHA-256 hashes modulo 2^256 (a
/// multiset hash). Adding rows in any order, in any batches, gives the same value, so the store can keep
/// it up to date at write time and never re-read a large table to hash it.
/// </summary>
internal struct ContentDigest
{
    public const int Size = 32;

    private ulong w0;
    private ulong w1;
    private ulong w2;
    private ulong w3;

    public static ContentDigest FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A content digest is {Size} bytes, got {bytes.Length}.", nameof(bytes));
        }

        return new ContentDigest
        {
            w0 = BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            w1 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            w2 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            w3 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]),
        };
    }

    /// <summary>Adds the SHA-256 of one row's canonical bytes.</summary>
    public void AddRow(ReadOnlySpan<byte> canonicalRow) => Add(OfRow(canonicalRow));

    /// <summary>The digest of a single row (its SHA-256), to be added later.</summary>
    public static ContentDigest OfRow(ReadOnlySpan<byte> canonicalRow)
    {
        Span<byte> hash = stackalloc byte[Size];
        SHA256.HashData(canonicalRow, hash);
        return FromBytes(hash);
    }

    /// <summary>Adds another digest (the union of two disjoint row sets).</summary>
    public void Add(ContentDigest other)
    {
        var carry = 0UL;
        w0 = AddWithCarry(w0, other.w0, ref carry);
        w1 = AddWithCarry(w1, other.w1, ref carry);
        w2 = AddWithCarry(w2, other.w2, ref carry);
        w3 = AddWithCarry(w3, other.w3, ref carry);
    }

    public readonly byte[] ToBytes()
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, w0);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), w1);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), w2);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), w3);
        return bytes;
    }

    private static ulong AddWithCarry(ulong a, ulong b, ref ulong carry)
    {
        var sum = a + b;
        var carryOut = sum < a ? 1UL : 0UL;
        var withCarry = sum + carry;
        carryOut |= withCarry < sum ? 1UL : 0UL;
        carry = carryOut;
        return withCarry;
    }
}
