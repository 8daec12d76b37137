using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Distill.Attribution.Application.Live;
using Distill.Attribution.Infrastructure.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Distill.Attribution.Infrastructure.Tests.Live;

/// <summary>The webhook against a real local HTTP listener: signature, retries with backoff, and no blocking.</summary>
public sealed class WebhookAlertSinkTests
{
    private static readonly byte[] Secret = "0123456789abcdef-test-secret"u8.ToArray();

    private static readonly WebhookOptions Fast = new() { FirstRetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(200), MaxAttempts = 5 };

    [Test]
    public async Task ShouldDeliverASignedBodyTheReceiverCanVerify()
    {
        using var receiver = new Receiver(failFirst: 0);
        using var http = new HttpClient();
        await using (var sink = new WebhookAlertSink(http, receiver.Url, Secret, Fast, NullLogger.Instance))
        {
            sink.Publish([Change(7)]);
            Assert.That(await sink.DrainAsync(TimeSpan.FromSeconds(20)), Is.True);
            Assert.That(sink.Delivered, Is.EqualTo(1));
        }

        var (body, signature) = receiver.Received.Single();
        Assert.Multiple(() =>
        {
            Assert.That(signature, Is.EqualTo(WebhookAlertSink.Sign(Secret, body)));
            Assert.That(signature, Is.Not.EqualTo(WebhookAlertSink.Sign("another-secret-of-16+"u8.ToArray(), body)));
            Assert.That(System.Text.Encoding.UTF8.GetString(body), Does.Contain("\"id\":7").And.Contain("\"kind\":\"new_cluster\""));
            Assert.That(System.Text.Encoding.UTF8.GetString(body), Does.Not.Contain("test-secret"));
        });
    }

    [Test]
    public async Task ShouldRetryAFailingReceiverUntilItSucceeds()
    {
        using var receiver = new Receiver(failFirst: 3);
        using var http = new HttpClient();
        await using var sink = new WebhookAlertSink(http, receiver.Url, Secret, Fast, NullLogger.Instance);
        sink.Publish([Change(1), Change(2)]);
        Assert.That(await sink.DrainAsync(TimeSpan.FromSeconds(20)), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(sink.Delivered, Is.EqualTo(2));
            Assert.That(sink.Failed, Is.Zero);
            Assert.That(receiver.Attempts, Is.EqualTo(5), "3 refused attempts, then one success per alert");
            Assert.That(receiver.Received.Select(r => System.Text.Encoding.UTF8.GetString(r.Body)).ToArray(),
                Has.Exactly(1).Contains("\"id\":1").And.Exactly(1).Contains("\"id\":2"));
        });
    }

    [Test]
    public async Task ShouldGiveUpAfterTheLastAttemptAndNeverBlockThePublisher()
    {
        using var receiver = new Receiver(failFirst: int.MaxValue);
        using var http = new HttpClient();
        await using var sink = new WebhookAlertSink(http, receiver.Url, Secret, Fast with { MaxAttempts = 3 }, NullLogger.Instance);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        sink.Publish(Enumerable.Range(1, 200).Select(i => Change(i)).ToArray());
        var publishTook = watch.Elapsed;
        sink.Publish([]);
        Assert.That(publishTook, Is.LessThan(TimeSpan.FromSeconds(1)), "publishing waits for no delivery");
        Assert.That(await sink.DrainAsync(TimeSpan.FromMilliseconds(300)), Is.False, "200 alerts × 3 attempts cannot drain in 0.3 s");
        Assert.That(sink.Delivered, Is.Zero);
    }

    [Test]
    public async Task ShouldCountAnUnreachableReceiverAsFailed()
    {
        var port = FreePort();
        using var http = new HttpClient();
        await using var sink = new WebhookAlertSink(http, new Uri($"http://127.0.0.1:{port}/hook"), Secret, Fast with { MaxAttempts = 2 }, NullLogger.Instance);
        sink.Publish([Change(1)]);
        Assert.That(await sink.DrainAsync(TimeSpan.FromSeconds(20)), Is.True);
        Assert.That((sink.Delivered, sink.Failed), Is.EqualTo((0L, 1L)));
    }

    private static AlertChange Change(long id) => new(new LiveAlert
    {
        Id = id,
        ClusterId = "c-0001",
        Kind = AlertKind.NewCluster,
        FirstRunId = "run-0001",
        RunId = "run-0001",
        RaisedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        ObservedAt = DateTimeOffset.UnixEpoch,
        Summary = "c-0001: newly flagged",
        Evidence = [new AlertFact("members", "5")],
    }, IsNew: true);

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>A real HTTP server on a free local port: answers 503 to the first <c>failFirst</c> requests, then 200.</summary>
    private sealed class Receiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;
        private int _attempts;

        public Receiver(int failFirst)
        {
            var port = FreePort();
            Url = new Uri($"http://127.0.0.1:{port}/hook/");
            _listener.Prefixes.Add(Url.ToString());
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }

                    using var body = new MemoryStream();
                    await context.Request.InputStream.CopyToAsync(body);
                    var attempt = Interlocked.Increment(ref _attempts);
                    if (attempt <= failFirst)
                    {
                        context.Response.StatusCode = 503;
                    }
                    else
                    {
                        Received.Enqueue((body.ToArray(), context.Request.Headers[WebhookAlertSink.SignatureHeader]));
                        context.Response.StatusCode = 200;
                    }

                    context.Response.Close();
                }
            });
        }

        public Uri Url { get; }

        public int Attempts => Volatile.Read(ref _attempts);

        public ConcurrentQueue<(byte[] Body, string? Signature)> Received { get; } = new();

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
