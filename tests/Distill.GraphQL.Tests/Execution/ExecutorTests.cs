using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Distill.GraphQL.Execution;
using Distill.GraphQL.TypeSystem;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.GraphQL.Tests.Execution;

public sealed class ExecutorTests
{
    [Test]
    public async Task ShouldBatchDataLoaderCallsIntoOneCallPerLevel()
    {
        var library = new TestSchema();

        var result = await library.Executor().RunAsync("{ books(first: 10) { author { name } } }");

        Assert.That(result["errors"], Is.Null);
        Assert.That(library.AuthorBatches, Has.Count.EqualTo(1));
        Assert.That(library.AuthorBatches[0], Is.EquivalentTo(new[] { "au1", "au2", "au3" }));
    }

    [Test]
    public async Task ShouldBatchEachNestingLevelOnceAndCacheKeysWithinTheRequest()
    {
        var library = new TestSchema();

        var result = await library.Executor().RunAsync("{ authors { books { author { books { author { name } } } } } }");

        Assert.That(result["errors"], Is.Null);
        Assert.That(library.AuthorBatches, Has.Count.EqualTo(1), "the second level asks only for cached keys");
        Assert.That(result["data"]!["authors"]![0]!["books"]![0]!["author"]!["books"]![1]!["author"]!["name"]!.GetValue<string>(), Is.EqualTo("Ada"));
    }

    [Test]
    public async Task ShouldRunMutationFieldsOneAfterAnother()
    {
        var library = new TestSchema();

        var result = await library.Executor().RunAsync("mutation { a: log(message: \"one\", delayMs: 50) b: log(message: \"two\") }");

        Assert.That(result["errors"], Is.Null);
        Assert.That(library.MutationLog, Is.EqualTo(new[] { "start one", "end one", "start two", "end two" }));
    }

    [Test]
    public async Task ShouldResolveQueryFieldsConcurrently()
    {
        // Each field waits until the other has started: this finishes only if both run at the same time.
        var started = 0;
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<string> Rendezvous(CancellationToken ct)
        {
            if (Interlocked.Increment(ref started) == 2)
            {
                bothStarted.SetResult();
            }

            await bothStarted.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
            return "together";
        }

        var builder = new SchemaBuilder();
        builder.Query.Field("a").Type(Types.String).Resolve((_, ct) => Rendezvous(ct))
            .Field("b").Type(Types.String).Resolve((_, ct) => Rendezvous(ct));
        var executor = new GraphQLExecutor(builder.Build());

        var result = await executor.RunAsync("{ a b }");

        GraphQLTestHelpers.AssertJsonEqual(result, """{"data":{"a":"together","b":"together"}}""");
    }

    [Test]
    public async Task ShouldStopAtTheExecutionTimeoutWithATimeoutError()
    {
        var library = new TestSchema();
        var executor = library.Executor(new GraphQLExecutionOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await executor.RunAsync("{ slowBook { id } }");

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(result["errors"]!.AsArray().Select(e => (string?)e!["extensions"]!["code"]), Does.Contain(ErrorCodes.Timeout));
        Assert.That(result["data"]!["slowBook"], Is.Null);
    }

    [Test]
    public async Task ShouldAbandonResolversThatIgnoreTheTimeout()
    {
        var builder = new SchemaBuilder();
        builder.Query.Field("stubborn").Type(Types.String).Resolve(async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);
            return "late";
        });
        var executor = new GraphQLExecutor(builder.Build(), new GraphQLExecutionOptions { Timeout = TimeSpan.FromMilliseconds(100) });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await executor.RunAsync("{ stubborn }");

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        GraphQLTestHelpers.AssertJsonEqual(result, """{"errors":[{"message":"Execution exceeded the timeout of 100 ms.","extensions":{"code":"TIMEOUT"}}],"data":null}""");
    }

    [Test]
    public void ShouldThrowWhenTheCallerCancels()
    {
        var library = new TestSchema();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.That(
            async () => await library.Executor().ExecuteAsync(new GraphQLRequest { Query = "{ slowBook { id } }" }, cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task ShouldRejectQueriesDeeperThanTheLimit()
    {
        var executor = new TestSchema().Executor(new GraphQLExecutionOptions { MaxDepth = 3 });

        var tooDeep = await executor.RunAsync("{ authors { books { author { name } } } }");
        var deepEnough = await executor.RunAsync("{ authors { books { title } } }");

        GraphQLTestHelpers.AssertJsonEqual(tooDeep,
            """{"errors":[{"message":"Query depth exceeds the maximum of 3.","locations":[{"line":1,"column":1}],"extensions":{"code":"MAX_DEPTH_EXCEEDED"}}]}""");
        Assert.That(deepEnough["errors"], Is.Null);
    }

    [Test]
    public async Task ShouldRejectQueriesCostlierThanTheLimitUsingFirstAsMultiplier()
    {
        var executor = new TestSchema().Executor(new GraphQLExecutionOptions { MaxCost = 500 });

        // books(first: 100) = 1 + 100 × (author 1 + (books 1 + 10 × id 1)) = 1201
        var costly = await executor.RunAsync("{ books(first: 100) { author { books { id } } } }");
        var cheap = await executor.RunAsync("query Q($n: Int) { books(first: $n) { author { books { id } } } }", """{"n": 5}""");

        Assert.That((string?)costly["errors"]![0]!["message"], Is.EqualTo("Query cost 1201 exceeds the maximum of 500."));
        Assert.That((string?)costly["errors"]![0]!["extensions"]!["code"], Is.EqualTo(ErrorCodes.MaxCostExceeded));
        Assert.That(cheap["errors"], Is.Null);
    }

    [Test]
    public async Task ShouldRejectDocumentsWithTooManyTokens()
    {
        var executor = new TestSchema().Executor(new GraphQLExecutionOptions { MaxTokens = 10 });

        var result = await executor.RunAsync("{ authors { id name genre books { id title year } } }");

        Assert.That((string?)result["errors"]![0]!["extensions"]!["code"], Is.EqualTo(ErrorCodes.MaxTokensExceeded));
        Assert.That(result["data"], Is.Null);
    }

    [Test]
    public async Task ShouldLetTheErrorFilterTurnHostExceptionsIntoClientErrors()
    {
        var executor = new TestSchema().Executor(new GraphQLExecutionOptions
        {
            ErrorFilter = ex => ex is InvalidOperationException ? GraphQLException.BadUserInput("mapped") : null,
        });

        var result = await executor.RunAsync("{ book(id: \"b1\") { secret } }");

        Assert.That((string?)result["errors"]![0]!["message"], Is.EqualTo("mapped"));
        Assert.That((string?)result["errors"]![0]!["extensions"]!["code"], Is.EqualTo(ErrorCodes.BadUserInput));
    }

    [Test]
    public async Task ShouldReportUnexpectedExceptionsToTheHostOnly()
    {
        var seen = new List<Exception>();
        var executor = new TestSchema().Executor(new GraphQLExecutionOptions { OnUnexpectedException = seen.Add });

        var result = await executor.RunAsync("{ book(id: \"b1\") { secret } }");

        Assert.That(result.ToJsonString(), Does.Not.Contain("hunter2"));
        Assert.That(seen.Single().Message, Does.Contain("hunter2"));
    }

    [Test]
    public async Task ShouldGiveResolversTheCallerServicesItemsAndPath()
    {
        var builder = new SchemaBuilder();
        var probe = builder.Object("Probe");
        probe.Field("path").Type(Types.NonNull(Types.String)).Resolve(ctx => string.Join('/', ctx.Path))
            .Field("user").Type(Types.String).Resolve(ctx => ctx.User?.Identity?.Name)
            .Field("key").Type(Types.String).Resolve(ctx => ctx.Items["apiKeyId"] as string)
            .Field("service").Type(Types.String).Resolve(ctx => ctx.Services.GetService<Marker>()?.Name);
        builder.Query.Field("probes").Type(Types.NonNullList(probe)).Resolve(_ => new object[] { 1, 2 });
        var executor = new GraphQLExecutor(builder.Build());
        using var services = new ServiceCollection().AddSingleton(new Marker("marker")).BuildServiceProvider();
        var request = new GraphQLRequest
        {
            Query = "{ probes { path user key service } }",
            Services = services,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ivy")], "test")),
        };
        request.Items["apiKeyId"] = "k-1";

        var result = await executor.ExecuteAsync(request);

        Assert.That(result.ToJson(), Is.EqualTo(
            """{"data":{"probes":[{"path":"probes/0/path","user":"ivy","key":"k-1","service":"marker"},{"path":"probes/1/path","user":"ivy","key":"k-1","service":"marker"}]}}"""));
    }

    [Test]
    public async Task ShouldCallObserversOnceWithTheOutcomeOfEachRequest()
    {
        var observer = new RecordingObserver();
        using var services = new ServiceCollection().AddSingleton<IGraphQLRequestObserver>(observer).BuildServiceProvider();
        var executor = new TestSchema().Executor();
        const string query = "query Find($id: ID!) { book(id: $id) { title forbidden } }";
        using var variables = JsonDocument.Parse("""{"id":"b1"}""");

        await executor.ExecuteAsync(new GraphQLRequest { Query = query, Variables = variables.RootElement, Services = services });
        await executor.ExecuteAsync(new GraphQLRequest { Query = "{ nope }", Services = services });

        Assert.That(observer.Records, Has.Count.EqualTo(2));
        var first = observer.Records[0];
        Assert.That(first.OperationName, Is.EqualTo("Find"));
        Assert.That(first.OperationType, Is.EqualTo(Distill.GraphQL.Language.OperationType.Query));
        Assert.That(first.DocumentSha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)))));
        Assert.That(first.Variables!.Value.GetProperty("id").GetString(), Is.EqualTo("b1"));
        Assert.That(first.Succeeded, Is.False);
        Assert.That(first.ErrorCodes, Is.EqualTo(new[] { ErrorCodes.Forbidden }));
        Assert.That(observer.Records[1].ErrorCodes, Is.EqualTo(new[] { ErrorCodes.ValidationFailed }));
    }

    [Test]
    public async Task ShouldRefuseMutationsWhenTheTransportForbidsThem()
    {
        var executor = new TestSchema().Executor();

        var result = await executor.ExecuteAsync(new GraphQLRequest { Query = "mutation { log(message: \"x\") }", AllowMutations = false });

        Assert.That(result.MutationNotAllowed, Is.True);
        Assert.That(result.HasData, Is.False);
    }

    [Test]
    public async Task ShouldAnswerTheSameDocumentFromTheCacheWithDifferentVariables()
    {
        var executor = new TestSchema().Executor();
        const string query = "query Q($id: ID!, $t: Boolean!) { book(id: $id) { title @include(if: $t) year } }";

        var a = await executor.RunAsync(query, """{"id":"b1","t":true}""");
        var b = await executor.RunAsync(query, """{"id":"b2","t":false}""");

        GraphQLTestHelpers.AssertJsonEqual(a, """{"data":{"book":{"title":"Notes","year":1843}}}""");
        GraphQLTestHelpers.AssertJsonEqual(b, """{"data":{"book":{"year":1847}}}""");
    }

    private sealed record Marker(string Name);

    private sealed class RecordingObserver : IGraphQLRequestObserver
    {
        public List<GraphQLRequestRecord> Records { get; } = [];

        public ValueTask OnRequestCompletedAsync(GraphQLRequestRecord record, CancellationToken cancellationToken)
        {
            Records.Add(record);
            return ValueTask.CompletedTask;
        }
    }
}
