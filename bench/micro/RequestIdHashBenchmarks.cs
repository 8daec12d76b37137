using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Distill.Bench.Micro;

/// <summary>
/// The in-memory request-key hash of the SQLite ingest store: the hand-written multiply-rotate hash it used
/// (kept here verbatim as the baseline) against System.IO.Hashing's XxHash3, per id, on ids shaped like the
/// generator's and like UUIDs.
/// </summary>
[MemoryDiagnoser]
public class RequestIdHashBenchmarks
{
    private byte[][] _ids = [];

    [Params(16, 36)]
    public int IdLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _ids = new byte[1024][];
        for (var i = 0; i < _ids.Length; i++)
        {
            var id = IdLength == 36 ? new Guid(random.NextInt64().ToString("x16") + random.NextInt64().ToString("x16")).ToString() : $"r-{random.NextInt64(0, 10_000_000_000_000):D13}";
            _ids[i] = Encoding.UTF8.GetBytes(id);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 1024)]
    public ulong HandWritten()
    {
        ulong x = 0;
        foreach (var id in _ids)
        {
            x ^= LegacyHash(id);
        }

        return x;
    }

    [Benchmark(OperationsPerInvoke = 1024)]
    public ulong XxHash3Ids()
    {
        ulong x = 0;
        foreach (var id in _ids)
        {
            x ^= XxHash3.HashToUInt64(id);
        }

        return x;
    }

    /// <summary>The hash RequestKeySet used before the switch to XxHash3.</summary>
    public static ulong LegacyHash(ReadOnlySpan<byte> utf8)
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
