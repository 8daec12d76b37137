using System.Buffers.Binary;
using System.Numerics;

namespace Distill.Bench.Micro;

/// <summary>
/// The request-key hash that RequestKeySet.Hash used before it switched to XxHash3 (decision D14), copied here
/// unchanged so that the comparison can be run again: eight bytes at a time, multiply-rotate mixing and the
/// finaliser of MurmurHash3.
/// </summary>
internal static class HandWrittenRequestIdHash
{
    public static ulong Hash(ReadOnlySpan<byte> utf8)
    {
        const ulong M1 = 0x9E3779B97F4A7C15;
        const ulong M2 = 0xC2B2AE3D27D4EB4F;
        var h = (ulong)utf8.Length * M1;
        while (utf8.Length >= 8)
        {
            h = BitOperations.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8)) * M2, 31) * M1;
            utf8 = utf8[8..];
        }

        if (utf8.Length > 0)
        {
            Span<byte> tail = stackalloc byte[8];
            tail.Clear();
            utf8.CopyTo(tail);
            h = BitOperations.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(tail) ^ 0xFF) * M2, 31) * M1;
        }

        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        h ^= h >> 33;
        return h;
    }
}
