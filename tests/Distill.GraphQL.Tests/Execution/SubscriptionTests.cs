using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Distill.GraphQL.Execution;
using Distill.GraphQL.Language;
using Distill.GraphQL.TypeSystem;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.GraphQL.Tests.Execution;

/// <summary>Subscriptions: the Subscription root type, the "single root field" rule, source and response streams.</summary>
public sealed class SubscriptionTests
{
    private sealed record Tick(int N, string Label);

    /// <summary>A schema whose <c>ticks</c> source stream yields what the test writes into <see cref="Source"/>.</summary>
    private sealed class TickSchema
    {
        public TickSchema()
        {
            var b = new SchemaBuilder();
            b.Query.Field("hello").Type(Types.String).Resolve(_ => "world");
            var tick = b.Object<Tick>("Tick");
            tick.Field("n").Type(Types.NonNull(Types.Int)).ResolveFrom<Tick>(t => t.N)
                .Field("label").Type(Types.NonNull(Types.String)).ResolveFrom<Tick>(t => t.Label)
                .Field("doubled").Type(Types.NonNull(Types.Int)).Resolve((ctx, ct) => Task.FromResult(ctx.Parent<Tick>().N * 2))
                .Field("secret").Type(Types.String).Authorize(_ => false).Resolve(_ => "no");
            b.SubscriptionType()
                .Field("ticks").Type(Types.NonNull(tick))
                .Argument("min", Types.Int, 0)
                .Subscribe((ctx, ct) => Read(ctx.Arg<int>("min"), ct))
                .Field("refused").Type(Types.NonNull(tick))
                .Subscribe((_, _) => Refuse())
                .Field("doomed").Type(tick)
                .Subscribe((_, ct) => Failing(ct));
            Executor = new GraphQLExecutor(b.Build());
        }

        public Channel<Tick> Source { get; } = Channel.CreateUnbounded<Tick>();

        public GraphQLExecutor Executor { get; }

        public int Open;

        public int Closed;

        private async IAsyncEnumerable<Tick> Read(int min, [EnumeratorCancellation] CancellationToken ct = default)
        {
            Interlocked.Increment(ref Open);
            try
            {
                await foreach (var t in Source.Reader.ReadAllAsync(ct))
                {
                    if (t.N >= min)
                    {
                        yield return t;
                    }
                }
            }
            finally
            {
                Interlocked.Increment(ref Closed);
            }
        }

        private static IAsyncEnumerable<Tick> Refuse() => throw GraphQLException.Forbidden("Not for you.");

        private static async IAsyncEnumerable<Tick> Failing([EnumeratorCancellation] CancellationToken ct = default)
        {
            yield return new Tick(1, "one");
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            throw new GraphQLException("The feed broke.", "FEED_FAILED");
        }
    }

    private static async Task<List<string>> TakeAsync(IAsyncEnumerable<ExecutionResult> stream, int count)
    {
        var results = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var r in stream.WithCancellation(timeout.Token))
        {
            results.Add(r.ToJson());
            if (results.Count == count)
            {
                break;
            }
        }

        return results;
    }

    [Test]
    public async Task ShouldExecuteEachSourceEventAgainstTheSelectionSet()
    {
        var s = new TickSchema();
        using var variables = JsonDocument.Parse("""{"min":2}""");

        var subscription = await s.Executor.SubscribeAsync(new GraphQLRequest
        {
            Query = "subscription Watch($min: Int) { ticks(min: $min) { n label doubled } }",
            Variables = variables.RootElement,
        });
        Assert.That(subscription.Result, Is.Null);
        Assert.That(subscription.OperationType, Is.EqualTo(OperationType.Subscription));
        foreach (var n in new[] { 1, 2, 3 })
        {
            await s.Source.Writer.WriteAsync(new Tick(n, "t" + n));
        }

        s.Source.Writer.Complete();
        var results = await TakeAsync(subscription.Stream!, 10);

        Assert.That(results, Is.EqualTo(new[]
        {
            """{"data":{"ticks":{"n":2,"label":"t2","doubled":4}}}""",
            """{"data":{"ticks":{"n":3,"label":"t3","doubled":6}}}""",
        }), "the event below min is filtered by the source; the stream ends with the source");
        Assert.That(s.Closed, Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldReportFieldErrorsOfAnEventAndKeepTheStreamOpen()
    {
        var s = new TickSchema();
        var subscription = await s.Executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { ticks { n secret } }" });
        await s.Source.Writer.WriteAsync(new Tick(1, "a"));
        await s.Source.Writer.WriteAsync(new Tick(2, "b"));

        var results = await TakeAsync(subscription.Stream!, 2);

        Assert.That(results, Has.Count.EqualTo(2));
        var first = JsonNode.Parse(results[0])!;
        Assert.That(first["data"]!["ticks"]!["n"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(first["errors"]![0]!["extensions"]!["code"]!.GetValue<string>(), Is.EqualTo(ErrorCodes.Forbidden));
        Assert.That(JsonNode.Parse(results[1])!["data"]!["ticks"]!["n"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldCloseTheSourceStreamWhenTheSubscriberGoesAway()
    {
        var s = new TickSchema();
        using var client = new CancellationTokenSource();
        var subscription = await s.Executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { ticks { n } }" }, client.Token);
        await s.Source.Writer.WriteAsync(new Tick(1, "a"));
        var received = new List<string>();

        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var r in subscription.Stream!)
                {
                    received.Add(r.ToJson());
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        while (received.Count == 0 && !reading.IsCompleted)
        {
            await Task.Delay(10);
        }

        await client.CancelAsync();
        await reading.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(received, Is.EqualTo(new[] { """{"data":{"ticks":{"n":1}}}""" }));
        Assert.That(s.Open, Is.EqualTo(1));
        Assert.That(s.Closed, Is.EqualTo(1), "the source's finally ran: nothing stays subscribed");
    }

    [Test]
    public async Task ShouldRefuseTheSubscriptionWhenTheSourceStreamCannotBeCreated()
    {
        var s = new TickSchema();
        var observer = new RecordingObserver();
        using var services = new ServiceCollection().AddSingleton<IGraphQLRequestObserver>(observer).BuildServiceProvider();

        var subscription = await s.Executor.SubscribeAsync(new GraphQLRequest { Query = "subscription Nope { refused { n } }", Services = services });

        Assert.That(subscription.Stream, Is.Null);
        Assert.That(subscription.Result!.ToJson(), Is.EqualTo(
            """{"errors":[{"message":"Not for you.","locations":[{"line":1,"column":21}],"path":["refused"],"extensions":{"code":"FORBIDDEN"}}]}"""));
        Assert.That(observer.Records, Has.Count.EqualTo(1));
        Assert.That(observer.Records[0].Succeeded, Is.False);
        Assert.That(observer.Records[0].OperationType, Is.EqualTo(OperationType.Subscription));
    }

    [Test]
    public async Task ShouldTellObserversOnceWhenASubscriptionStartsNotPerEvent()
    {
        var s = new TickSchema();
        var observer = new RecordingObserver();
        using var services = new ServiceCollection().AddSingleton<IGraphQLRequestObserver>(observer).BuildServiceProvider();

        var subscription = await s.Executor.SubscribeAsync(new GraphQLRequest { Query = "subscription Watch { ticks { n } }", Services = services });
        for (var i = 0; i < 3; i++)
        {
            await s.Source.Writer.WriteAsync(new Tick(i, "x"));
        }

        s.Source.Writer.Complete();
        var results = await TakeAsync(subscription.Stream!, 10);

        Assert.That(results, Has.Count.EqualTo(3));
        Assert.That(observer.Records, Has.Count.EqualTo(1));
        Assert.That(observer.Records[0].OperationName, Is.EqualTo("Watch"));
        Assert.That(observer.Records[0].Succeeded, Is.True);
    }

    [Test]
    public async Task ShouldEndWithTheSourceStreamsErrorWhenTheSourceFails()
    {
        var s = new TickSchema();

        var subscription = await s.Executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { doomed { n } }" });
        var results = await TakeAsync(subscription.Stream!, 10);

        Assert.That(results, Is.EqualTo(new[]
        {
            """{"data":{"doomed":{"n":1}}}""",
            """{"errors":[{"message":"The feed broke.","extensions":{"code":"FEED_FAILED"}}]}""",
        }));
    }

    [Test]
    public async Task ShouldAnswerAQueryOnAStreamingTransportWithOneResult()
    {
        var s = new TickSchema();

        var result = await s.Executor.SubscribeAsync(new GraphQLRequest { Query = "{ hello }" });

        Assert.That(result.Stream, Is.Null);
        Assert.That(result.Result!.ToJson(), Is.EqualTo("""{"data":{"hello":"world"}}"""));
    }

    [Test]
    public async Task ShouldRefuseASubscriptionOnANonStreamingTransport()
    {
        var s = new TickSchema();

        var result = await s.Executor.ExecuteAsync(new GraphQLRequest { Query = "subscription { ticks { n } }" });

        Assert.That(result.HasData, Is.False);
        Assert.That(result.Errors[0].Code, Is.EqualTo(ErrorCodes.BadUserInput));
        Assert.That(s.Open, Is.Zero);
    }

    [TestCase("subscription S { ticks { n } refused { n } }", "Subscription \"S\" must select only one top level field.", 1, 30)]
    [TestCase("subscription { ticks { n } ...More } fragment More on Subscription { doomed { n } }", "Anonymous Subscription must select only one top level field.", 1, 70)]
    [TestCase("subscription S { __typename }", "Subscription \"S\" must not select an introspection top level field.", 1, 18)]
    [TestCase("subscription S($x: Boolean!) { ticks @include(if: $x) { n } }", "Subscription \"S\" must not use `@skip` or `@include` directives in the top level selection.", 1, 32)]
    public async Task ShouldRefuseSubscriptionsThatBreakTheSingleRootFieldRule(string query, string message, int line, int column)
    {
        var s = new TickSchema();

        var result = await s.Executor.SubscribeAsync(new GraphQLRequest { Query = query });

        Assert.That(result.Stream, Is.Null);
        var errors = result.Result!.Errors;
        Assert.That(errors.Select(e => e.Message), Does.Contain(message));
        var error = errors.First(e => e.Message == message);
        Assert.That(error.Code, Is.EqualTo(ErrorCodes.ValidationFailed));
        Assert.That((error.Locations[0].Line, error.Locations[0].Column), Is.EqualTo((line, column)));
        Assert.That(s.Open, Is.Zero);
    }

    [Test]
    public async Task ShouldAcceptOneRootFieldReachedThroughAFragment()
    {
        var s = new TickSchema();

        var result = await s.Executor.SubscribeAsync(new GraphQLRequest { Query = "subscription { ...F } fragment F on Subscription { ticks { n } }" });

        Assert.That(result.Result, Is.Null);
        Assert.That(result.Stream, Is.Not.Null);
    }

    [Test]
    public void ShouldRefuseASubscriptionFieldWithoutASourceStream()
    {
        var b = new SchemaBuilder();
        b.Query.Field("a").Type(Types.String);
        b.SubscriptionType().Field("b").Type(Types.String).Resolve(_ => "x");

        var ex = Assert.Throws<SchemaValidationException>(() => b.Build());

        Assert.That(ex!.Message, Does.Contain("The subscription field Subscription.b has no source stream"));
    }

    [Test]
    public void ShouldPrintTheSubscriptionTypeAndExposeItThroughIntrospection()
    {
        var s = new TickSchema();

        Assert.That(s.Executor.Schema.ToSdl(), Does.Contain("type Subscription {\n  ticks(min: Int = 0): Tick!"));
        var introspection = s.Executor.RunAsync("{ __schema { subscriptionType { name } } }").Result;
        GraphQLTestHelpers.AssertJsonEqual(introspection, """{"data":{"__schema":{"subscriptionType":{"name":"Subscription"}}}}""");
    }

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
