using BenchmarkDotNet.Attributes;
using Distill.Attribution.Domain.Detection;

namespace Distill.Bench.Micro;

/// <summary>
/// Co-use's per-account sorts (decision D37): <c>SmallIntSort</c> (a byte-wise radix sort; the file is compiled in, as the
/// type is internal to the Domain package) against <c>Span.Sort</c>, over 2 M values cut into spans of log-uniform lengths
/// from 2 to 20,000, as element ids (uniform below 4.9 M, the held-out scale-1 store's element count) and as element
/// degrees (80 % small, the rest below 62,760 accounts). The set-up checks that both give the same order.
/// </summary>
[MemoryDiagnoser]
public class SmallIntSortBenchmarks
{
    private int[] _data = [];
    private int[] _work = [];
    private int[] _scratch = [];
    private int[] _lengths = [];
    private int _bound;

    [Params("ids", "degrees")]
    public string Values { get; set; } = "ids";

    [GlobalSetup]
    public void SetUp()
    {
        var random = new Random(1);
        var lengths = new List<int>();
        var total = 0;
        while (total < 2_000_000)
        {
            var length = (int)Math.Exp(random.NextDouble() * Math.Log(20_000)) + 1;
            lengths.Add(length);
            total += length;
        }

        _lengths = [.. lengths];
        _bound = Values == "ids" ? 4_894_688 : 62_760;
        _data = [.. Enumerable.Range(0, total).Select(_ => Values == "degrees" && random.Next(10) < 8 ? 2 + random.Next(30) : random.Next(_bound))];
        _work = new int[total];
        _scratch = new int[20_001];
        Comparison();
        var expected = (int[])_work.Clone();
        Radix();
        if (!_work.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException("The two sorts disagree.");
        }
    }

    [Benchmark(Baseline = true)]
    public void Comparison()
    {
        _data.CopyTo(_work, 0);
        var at = 0;
        foreach (var length in _lengths)
        {
            _work.AsSpan(at, length).Sort();
            at += length;
        }
    }

    [Benchmark]
    public void Radix()
    {
        _data.CopyTo(_work, 0);
        var at = 0;
        foreach (var length in _lengths)
        {
            SmallIntSort.Sort(_work.AsSpan(at, length), _scratch, _bound);
            at += length;
        }
    }
}
