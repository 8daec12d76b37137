using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Distill.GraphQL.Http;
using Distill.GraphQL.TypeSystem;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Distill.GraphQL.Tests.Http;

/// <summary>GraphQL over Server-Sent Events (graphql-sse, distinct connections mode) through a real ASP.NET Core pipeline.</summary>
public sealed class GraphQLEventStreamTests
{
    private const string Path = "/graphql";
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private Channel<string> _source = null!;
    private int _open;
    private int _closed;

    [SetUp]
    public async Task StartAsync()
    {
        _source = Channel.CreateUnbounded<string>();
        _open = 0;
        _closed = 0;
        var b = new SchemaBuilder();
        b.Query.Field("hello").Type(Types.String).Resolve(_ => "world");
        b.SubscriptionType().Field("said").Type(Types.NonNull(Types.String)).Subscribe((_, ct) => Said(ct));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddGraphQL(b.Build(), o =>
        {
            o.Subscriptions.MaxStreamsPerCaller = 2;
            o.Subscriptions.MaxStreams = 3;
            o.Subscriptions.KeepAliveInterval = TimeSpan.FromMilliseconds(200);
            o.Subscriptions.MaxLifetime = TimeSpan.FromSeconds(20);
            o.Subscriptions.CallerKey = (http, _) => http.Request.Headers["X-Caller"].ToString();
        });
        _app = builder.Build();
        _app.MapGraphQL(Path);
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    [TearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async IAsyncEnumerable<string> Said([EnumeratorCancellation] CancellationToken ct = default)
    {
        Interlocked.Increment(ref _open);
        try
        {
            await foreach (var s in _source.Reader.ReadAllAsync(ct))
            {
                yield return s;
            }
        }
        finally
        {
            Interlocked.Increment(ref _closed);
        }
    }

    private async Task<(HttpResponseMessage Response, StreamReader Reader)> OpenAsync(string body, string caller = "a", CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("X-Caller", caller);
        var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync(ct)));
    }

    /// <summary>The next SSE message (lines up to a blank line), comments included as they are.</summary>
    private static async Task<string> ReadMessageAsync(StreamReader reader)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                return string.Join("\n", lines);
            }

            lines.Add(line);
        }

        return string.Join("\n", lines) + "<eof>";
    }

    private static async Task<string> ReadEventAsync(StreamReader reader)
    {
        while (true)
        {
            var message = await ReadMessageAsync(reader);
            if (!message.StartsWith(':'))
            {
                return message;
            }
        }
    }

    [Test]
    public async Task ShouldStreamEachEventAsNextAndEndWithComplete()
    {
        var (response, reader) = await OpenAsync("""{"query":"subscription { said }"}""");
        using (response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
            await _source.Writer.WriteAsync("one");
            Assert.That(await ReadEventAsync(reader), Is.EqualTo("event: next\ndata: {\"data\":{\"said\":\"one\"}}"));
            await _source.Writer.WriteAsync("two");
            Assert.That(await ReadEventAsync(reader), Is.EqualTo("event: next\ndata: {\"data\":{\"said\":\"two\"}}"));
            _source.Writer.Complete();
            Assert.That(await ReadEventAsync(reader), Is.EqualTo("event: complete\ndata:"));
        }
    }

    [Test]
    public async Task ShouldSendKeepAliveCommentsWhileIdle()
    {
        var (response, reader) = await OpenAsync("""{"query":"subscription { said }"}""");
        using (response)
        {
            Assert.That(await ReadMessageAsync(reader), Is.EqualTo(": keep-alive"));
        }
    }

    [Test]
    public async Task ShouldAnswerValidationErrorsThroughTheStream()
    {
        var (response, reader) = await OpenAsync("""{"query":"subscription { said hello: said }"}""");
        using (response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var next = await ReadEventAsync(reader);
            Assert.That(next, Does.StartWith("event: next\ndata: {\"errors\":[{\"message\":\"Anonymous Subscription must select only one top level field.\""));
            Assert.That(await ReadEventAsync(reader), Is.EqualTo("event: complete\ndata:"));
            Assert.That(_open, Is.Zero);
        }
    }

    [Test]
    public async Task ShouldAnswerAQueryWithOneNextAndComplete()
    {
        var (response, reader) = await OpenAsync("""{"query":"{ hello }"}""");
        using (response)
        {
            Assert.That(await ReadEventAsync(reader), Is.EqualTo("event: next\ndata: {\"data\":{\"hello\":\"world\"}}"));
            Assert.That(await ReadEventAsync(reader), Is.EqualTo("event: complete\ndata:"));
        }
    }

    [Test]
    public async Task ShouldRefuseStreamsBeyondTheCapsAndFreeASlotWhenAStreamCloses()
    {
        using var firstClient = new CancellationTokenSource();
        var first = await OpenAsync("""{"query":"subscription { said }"}""", "a", firstClient.Token);
        var second = await OpenAsync("""{"query":"subscription { said }"}""", "a");
        var third = await OpenAsync("""{"query":"subscription { said }"}""", "a");
        var otherCaller = await OpenAsync("""{"query":"subscription { said }"}""", "b");
        var overTotal = await OpenAsync("""{"query":"subscription { said }"}""", "c");

        Assert.That(first.Response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.Response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(third.Response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await third.Reader.ReadToEndAsync(), Does.Contain("SUBSCRIPTION_LIMIT").And.Contain("maximum per caller"));
        Assert.That(otherCaller.Response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the cap is per caller");
        Assert.That(overTotal.Response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the total cap");
        Assert.That(await overTotal.Reader.ReadToEndAsync(), Does.Contain("open subscriptions, its maximum"));

        await firstClient.CancelAsync();
        first.Response.Dispose();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode again;
        do
        {
            await Task.Delay(50);
            var retry = await OpenAsync("""{"query":"subscription { said }"}""", "a");
            again = retry.Response.StatusCode;
            retry.Response.Dispose();
        }
        while (again != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.That(again, Is.EqualTo(HttpStatusCode.OK), "closing a stream frees its slot");
        foreach (var r in new[] { second, third, otherCaller, overTotal })
        {
            r.Response.Dispose();
        }
    }

    [Test]
    public async Task ShouldCloseTheSourceStreamWhenTheClientDisconnects()
    {
        using var client = new CancellationTokenSource();
        var (response, reader) = await OpenAsync("""{"query":"subscription { said }"}""", "a", client.Token);
        await _source.Writer.WriteAsync("one");
        Assert.That(await ReadEventAsync(reader), Does.StartWith("event: next"));

        await client.CancelAsync();
        response.Dispose();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref _closed) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.That(_closed, Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldRefuseASubscriptionSentAsPlainJson()
    {
        using var response = await _client.PostAsync(Path, new StringContent("""{"query":"subscription { said }"}""", Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "application/json answers 200, like any request error");
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("text/event-stream").And.Contain("BAD_USER_INPUT"));
        Assert.That(_open, Is.Zero);
    }
}
