using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Distill.Attribution.Graph.Csr;
using QuikGraph;
using QuikGraph.Algorithms.ConnectedComponents;
using OurComponents = Distill.Attribution.Graph.Community.ConnectedComponents;

namespace Distill.Bench.Micro;

/// <summary>
/// Our connected components on CSR arrays (Distill.Attribution.Graph) against QuikGraph 2.5.0 on the same edge list
/// of 200,000 nodes: its undirected <c>ConnectedComponentsAlgorithm</c> on an <c>UndirectedGraph</c> (the like-for-like
/// choice) and its <c>WeaklyConnectedComponentsAlgorithm</c> on an <c>AdjacencyGraph</c> (what "weakly connected
/// components" names in QuikGraph). Each with and without building the library's graph from the edge list (two int
/// arrays). The set-up checks that all three find the same partition.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class ConnectedComponentsBenchmarks
{
    private const int Nodes = 200_000;
    private const int Hubs = 200;

    private int[] _from = [];
    private int[] _to = [];
    private CsrGraph _csr = null!;
    private UndirectedGraph<int, Edge<int>> _undirected = null!;
    private AdjacencyGraph<int, Edge<int>> _directed = null!;

    /// <summary>
    /// random: 1M uniform edges (one giant component and 10 isolated nodes); hubs: 1M edges, half of them to one of 200
    /// hubs picked with a skew (a few hubs hold most of them). sparse (120k uniform edges, 80,771 components) is only in
    /// <see cref="RunOnce"/>: QuikGraph's ConnectedComponentsAlgorithm took 236 s on it once, too long to repeat.
    /// </summary>
    [Params("random", "hubs")]
    public string Shape { get; set; } = "random";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var edges = Shape == "sparse" ? 120_000 : 1_000_000;
        _from = new int[edges];
        _to = new int[edges];
        for (var i = 0; i < edges; i++)
        {
            _from[i] = random.Next(Nodes);
            if (Shape == "hubs" && (i & 1) == 0)
            {
                var r = random.NextDouble();
                _to[i] = (int)(Hubs * r * r * r);
            }
            else
            {
                _to[i] = random.Next(Nodes);
            }
        }

        _csr = BuildCsr();
        _undirected = BuildUndirected();
        _directed = BuildDirected();
        var ours = OurComponents.Compute(_csr);
        var undirected = new ConnectedComponentsAlgorithm<int, Edge<int>>(_undirected);
        undirected.Compute();
        var weakly = new WeaklyConnectedComponentsAlgorithm<int, Edge<int>>(_directed);
        weakly.Compute();
        AssertSamePartition(ours, undirected.ComponentCount, undirected.Components, "ConnectedComponentsAlgorithm");
        AssertSamePartition(ours, weakly.ComponentCount, weakly.Components, "WeaklyConnectedComponentsAlgorithm");
        Console.WriteLine($"// {Shape}: {Nodes:N0} nodes, {edges:N0} edges, {undirected.ComponentCount:N0} components");
    }

    [Benchmark(Baseline = true, Description = "ours (CsrGraphBuilder + ConnectedComponents)")]
    [BenchmarkCategory("build + components")]
    public int OursBuildAndCompute() => Count(OurComponents.Compute(BuildCsr()));

    [Benchmark(Description = "QuikGraph UndirectedGraph + ConnectedComponentsAlgorithm")]
    [BenchmarkCategory("build + components")]
    public int QuikGraphUndirectedBuildAndCompute()
    {
        var algorithm = new ConnectedComponentsAlgorithm<int, Edge<int>>(BuildUndirected());
        algorithm.Compute();
        return algorithm.ComponentCount;
    }

    [Benchmark(Description = "QuikGraph AdjacencyGraph + WeaklyConnectedComponentsAlgorithm")]
    [BenchmarkCategory("build + components")]
    public int QuikGraphWeaklyBuildAndCompute()
    {
        var algorithm = new WeaklyConnectedComponentsAlgorithm<int, Edge<int>>(BuildDirected());
        algorithm.Compute();
        return algorithm.ComponentCount;
    }

    [Benchmark(Baseline = true, Description = "ours (CsrGraphBuilder + ConnectedComponents)")]
    [BenchmarkCategory("components only")]
    public int OursCompute() => Count(OurComponents.Compute(_csr));

    [Benchmark(Description = "QuikGraph UndirectedGraph + ConnectedComponentsAlgorithm")]
    [BenchmarkCategory("components only")]
    public int QuikGraphUndirectedCompute()
    {
        var algorithm = new ConnectedComponentsAlgorithm<int, Edge<int>>(_undirected);
        algorithm.Compute();
        return algorithm.ComponentCount;
    }

    [Benchmark(Description = "QuikGraph AdjacencyGraph + WeaklyConnectedComponentsAlgorithm")]
    [BenchmarkCategory("components only")]
    public int QuikGraphWeaklyCompute()
    {
        var algorithm = new WeaklyConnectedComponentsAlgorithm<int, Edge<int>>(_directed);
        algorithm.Compute();
        return algorithm.ComponentCount;
    }

    /// <summary>
    /// One run of each variant with a Stopwatch (build, then components), interleaved in one process: for cases that
    /// take too long for BenchmarkDotNet's repetitions.
    /// </summary>
    public static void RunOnce(IEnumerable<string> shapes)
    {
        foreach (var shape in shapes)
        {
            var bench = new ConnectedComponentsBenchmarks { Shape = shape };
            bench.Setup();
            for (var round = 1; round <= 2; round++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var csr = bench.BuildCsr();
                var build = watch.Elapsed;
                var count = Count(OurComponents.Compute(csr));
                Report(shape, round, "ours", build, watch.Elapsed - build, count);

                watch.Restart();
                var undirected = bench.BuildUndirected();
                build = watch.Elapsed;
                var algorithm = new ConnectedComponentsAlgorithm<int, Edge<int>>(undirected);
                algorithm.Compute();
                Report(shape, round, "QuikGraph ConnectedComponentsAlgorithm", build, watch.Elapsed - build, algorithm.ComponentCount);

                watch.Restart();
                var directed = bench.BuildDirected();
                build = watch.Elapsed;
                var weakly = new WeaklyConnectedComponentsAlgorithm<int, Edge<int>>(directed);
                weakly.Compute();
                Report(shape, round, "QuikGraph WeaklyConnectedComponentsAlgorithm", build, watch.Elapsed - build, weakly.ComponentCount);
            }
        }

        static void Report(string shape, int round, string what, TimeSpan build, TimeSpan compute, int count) =>
            Console.WriteLine($"{shape,-7} round {round}  {what,-45} build {build.TotalMilliseconds,10:F1} ms  components {compute.TotalMilliseconds,10:F1} ms  ({count:N0} components)");
    }

    private static int Count(int[] component)
    {
        var max = -1;
        foreach (var c in component)
        {
            max = Math.Max(max, c);
        }

        return max + 1;
    }

    private static void AssertSamePartition(int[] ours, int count, IDictionary<int, int> theirs, string name)
    {
        if (count != Count(ours) || theirs.Count != ours.Length)
        {
            throw new InvalidOperationException($"{name}: {count} components over {theirs.Count} nodes, ours {Count(ours)} over {ours.Length}");
        }

        var map = new Dictionary<int, int>();
        for (var node = 0; node < ours.Length; node++)
        {
            if (map.TryGetValue(ours[node], out var expected) ? expected != theirs[node] : !map.TryAdd(ours[node], theirs[node]))
            {
                throw new InvalidOperationException($"{name}: node {node} is in another component than ours");
            }
        }
    }

    private CsrGraph BuildCsr()
    {
        var builder = new CsrGraphBuilder(Nodes, _from.Length);
        for (var i = 0; i < _from.Length; i++)
        {
            builder.AddEdge(_from[i], _to[i], 1.0);
        }

        return builder.Build();
    }

    private UndirectedGraph<int, Edge<int>> BuildUndirected()
    {
        var graph = new UndirectedGraph<int, Edge<int>>(allowParallelEdges: true);
        for (var node = 0; node < Nodes; node++)
        {
            graph.AddVertex(node);
        }

        for (var i = 0; i < _from.Length; i++)
        {
            graph.AddEdge(new Edge<int>(_from[i], _to[i]));
        }

        return graph;
    }

    private AdjacencyGraph<int, Edge<int>> BuildDirected()
    {
        var graph = new AdjacencyGraph<int, Edge<int>>(allowParallelEdges: true, capacity: Nodes);
        for (var node = 0; node < Nodes; node++)
        {
            graph.AddVertex(node);
        }

        for (var i = 0; i < _from.Length; i++)
        {
            graph.AddEdge(new Edge<int>(_from[i], _to[i]));
        }

        return graph;
    }
}
