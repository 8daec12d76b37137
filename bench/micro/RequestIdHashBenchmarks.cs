using System.IO.Hashing;
using System.Text;
using BenchmarkDotNet.Attributes;
using Distill.Attribution.Sqlite;

namespace Distill.Bench.Micro;

/// <summary>
/// The in-memory request-key hash of the SQLite ingest store, per id, on ids shaped like the generator's and like
/// UUIDs: the hand-written multiply-rotate hash it used until decision D14 (a copy, the baseline), System.IO.Hashing's
/// XxHash3, and RequestKeySet.Hash itself (what the store runs today, XxHash3 behind one call).
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
            x ^= HandWrittenRequestIdHash.Hash(id);
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

    [Benchmark(OperationsPerInvoke = 1024)]
    public ulong StoreToday()
    {
        ulong x = 0;
        foreach (var id in _ids)
        {
            x ^= RequestKeySet.Hash(id);
        }

        return x;
    }
}
