using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Distill.GraphQL.Execution;
using Distill.GraphQL.TypeSystem;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Validation;
using GraphQLParser.AST;
using OurResult = Distill.GraphQL.Execution.ExecutionResult;
using TheirResult = GraphQL.ExecutionResult;

namespace Distill.Bench.Micro;

/// <summary>
/// Our GraphQL engine against GraphQL.NET 8.8.5 on the same schema, data and query document
/// (<see cref="GraphQLBenchData.Query"/>: 200 accounts with nested payment and operator, two arguments, a fragment),
/// per request, ending in a JSON byte array:
/// <list type="bullet">
/// <item>Full: parse, validate, execute, serialise. Two texts that differ only by a trailing newline alternate, so our
/// engine's document cache (sized 1 here) misses every time; GraphQL.NET has no cache unless one is added.</item>
/// <item>Cached: the document was parsed and validated before. Ours through its document cache (parse, validation and
/// field plans kept); GraphQL.NET with <c>ExecutionOptions.Document</c> set and no validation rules, which is what its
/// document cache (GraphQL.MemoryCache, not served here) does on a hit.</item>
/// </list>
/// The set-up checks that all four produce the same JSON.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GraphQLEngineBenchmarks : IDisposable
{
    private readonly string[] _texts = [GraphQLBenchData.Query, GraphQLBenchData.Query + "\n"];
    private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);
    private readonly MemoryStream _stream = new(256 * 1024);
    private GraphQLExecutor _ours = null!;
    private GraphQLExecutor _oursCached = null!;
    private GraphQLDotNetSchema _theirSchema = null!;
    private DocumentExecuter _theirs = null!;
    private GraphQLSerializer _serializer = null!;
    private GraphQLDocument _theirDocument = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var schema = OurSchema();
        _ours = new GraphQLExecutor(schema, new GraphQLExecutionOptions { DocumentCacheSize = 1 });
        _oursCached = new GraphQLExecutor(schema);
        _theirSchema = new GraphQLDotNetSchema();
        _theirSchema.Initialize();
        _theirs = new DocumentExecuter();
        _serializer = new GraphQLSerializer();
        _theirDocument = new GraphQLDocumentBuilder().Build(GraphQLBenchData.Query);

        var expected = JsonNode.Parse(OursFull().GetAwaiter().GetResult());
        foreach (var (name, run) in new (string, Func<Task<byte[]>>)[]
                 {
                     ("ours, cached", OursCached), ("GraphQL.NET", GraphQLDotNetFull), ("GraphQL.NET, cached", GraphQLDotNetCached),
                 })
        {
            var json = run().GetAwaiter().GetResult();
            if (!JsonNode.DeepEquals(expected, JsonNode.Parse(json)))
            {
                throw new InvalidOperationException($"{name} answered differently: {System.Text.Encoding.UTF8.GetString(json)[..200]}");
            }
        }

        if (expected?["data"]?["accounts"]?.AsArray().Count != 200)
        {
            throw new InvalidOperationException("the query did not return 200 accounts");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _theirSchema?.Dispose();
        _stream.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "ours")]
    [BenchmarkCategory("parse+validate+execute+serialise")]
    public Task<byte[]> OursFull() => Ours(_ours, _texts[_next++ & 1]);

    [Benchmark(Description = "GraphQL.NET 8.8.5")]
    [BenchmarkCategory("parse+validate+execute+serialise")]
    public async Task<byte[]> GraphQLDotNetFull()
    {
        var result = await _theirs.ExecuteAsync(new ExecutionOptions { Schema = _theirSchema, Query = _texts[_next++ & 1] });
        return await Serialise(result);
    }

    [Benchmark(Baseline = true, Description = "ours")]
    [BenchmarkCategory("execute+serialise (cached document)")]
    public Task<byte[]> OursCached() => Ours(_oursCached, GraphQLBenchData.Query);

    [Benchmark(Description = "GraphQL.NET 8.8.5")]
    [BenchmarkCategory("execute+serialise (cached document)")]
    public async Task<byte[]> GraphQLDotNetCached()
    {
        var result = await _theirs.ExecuteAsync(new ExecutionOptions
        {
            Schema = _theirSchema,
            Query = GraphQLBenchData.Query,
            Document = _theirDocument,
            ValidationRules = Array.Empty<IValidationRule>(),
        });
        return await Serialise(result);
    }

    private static Schema OurSchema()
    {
        var builder = new SchemaBuilder();
        var payment = builder.Object<BenchPayment>("Payment");
        payment.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<BenchPayment>(p => p.Id)
            .Field("kind").Type(Types.NonNull(Types.String)).ResolveFrom<BenchPayment>(p => p.Kind)
            .Field("last4").Type(Types.NonNull(Types.String)).ResolveFrom<BenchPayment>(p => p.Last4);
        var owner = builder.Object<BenchOperator>("Operator");
        owner.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<BenchOperator>(o => o.Id)
            .Field("name").Type(Types.NonNull(Types.String)).ResolveFrom<BenchOperator>(o => o.Name)
            .Field("confidence").Type(Types.NonNull(Types.Float)).ResolveFrom<BenchOperator>(o => o.Confidence);
        var account = builder.Object<BenchAccount>("Account");
        account.Field("id").Type(Types.NonNull(Types.ID)).ResolveFrom<BenchAccount>(a => a.Id)
            .Field("name").Type(Types.NonNull(Types.String)).ResolveFrom<BenchAccount>(a => a.Name)
            .Field("risk").Type(Types.NonNull(Types.Float)).ResolveFrom<BenchAccount>(a => a.Risk)
            .Field("flagged").Type(Types.NonNull(Types.Boolean)).ResolveFrom<BenchAccount>(a => a.Flagged)
            .Field("tags").Type(Types.NonNullList(Types.String)).ResolveFrom<BenchAccount>(a => a.Tags)
            .Field("payment").Type(Types.NonNull(payment)).ResolveFrom<BenchAccount>(a => a.Payment)
            .Field("owner").Type(owner).ResolveFrom<BenchAccount>(a => a.Owner);
        builder.Query.Field("accounts").Type(Types.NonNullList(account))
            .Argument("first", Types.NonNull(Types.Int))
            .Argument("minRisk", Types.Float)
            .Resolve(ctx => GraphQLBenchData.Select(ctx.Arg<int>("first"), ctx.Arg<double>("minRisk")));
        return builder.Build();
    }

    private async Task<byte[]> Ours(GraphQLExecutor executor, string text)
    {
        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = text });
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, OurResult.WriterOptions))
        {
            result.WriteTo(writer);
        }

        return _buffer.WrittenSpan.ToArray();
    }

    private async Task<byte[]> Serialise(TheirResult result)
    {
        _stream.SetLength(0);
        await _serializer.WriteAsync(_stream, result);
        return _stream.ToArray();
    }
}
