using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Threading.Channels;
using Distill.Attribution.Application.Live;
using Microsoft.Extensions.Logging;

namespace Distill.Attribution.Infrastructure.Live;

/// <summary>
/// POSTs each alert change (the <see cref="AlertJson"/> object) to a URL from a background task, so detection never
/// waits for the receiver. The body is signed with HMAC-SHA256 under a shared secret: header
/// <c>X-Distill-Signature: sha256=HEX</c>. A failed delivery (no answer, a non-2xx status) is retried with exponential
/// backoff up to <see cref="WebhookOptions.MaxAttempts"/>, then dropped and counted. The queue is bounded: when it is
/// full the oldest waiting alert is dropped (counted), never the detection loop blocked. The secret is never logged.
/// </summary>
public sealed partial class WebhookAlertSink : IAlertSink, IAsyncDisposable
{
    public const string SignatureHeader = "X-Distill-Signature";

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly byte[] _secret;
    private readonly WebhookOptions _options;
    private readonly ILogger _log;
    private readonly Channel<byte[]> _queue;
    private readonly Task _worker;
    private readonly CancellationTokenSource _stop = new();
    private long _delivered;
    private long _failed;
    private long _dropped;

    public WebhookAlertSink(HttpClient http, Uri url, byte[] secret, WebhookOptions options, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(options);
        if (secret.Length == 0)
        {
            throw new ArgumentException("The webhook secret is empty.", nameof(secret));
        }

        _http = http;
        _url = url;
        _secret = secret;
        _options = options;
        _log = log;
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
        _worker = Task.Run(RunAsync);
    }

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Failed => Interlocked.Read(ref _failed);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>HMAC-SHA256 of <paramref name="body"/> under <paramref name="secret"/>, as the header value <c>sha256=HEX</c>.</summary>
    public static string Sign(byte[] secret, ReadOnlySpan<byte> body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    public void Publish(IReadOnlyList<AlertChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            _queue.Writer.TryWrite(AlertJson.Serialize(change)); // never waits: a full queue drops its oldest
        }
    }

    /// <summary>Stops taking alerts and waits up to <paramref name="timeout"/> for the queue to drain; returns whether it did.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        var finished = await Task.WhenAny(_worker, Task.Delay(timeout)).ConfigureAwait(false) == _worker;
        if (!finished)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        return finished;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        await foreach (var body in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            var delay = _options.FirstRetryDelay;
            for (var attempt = 1; ; attempt++)
            {
                var error = await TrySendAsync(body, ct).ConfigureAwait(false);
                if (error is null)
                {
                    Interlocked.Increment(ref _delivered);
                    break;
                }

                if (attempt >= _options.MaxAttempts)
                {
                    Interlocked.Increment(ref _failed);
                    GaveUp(_log, attempt, error);
                    break;
                }

                Retrying(_log, attempt, error, delay.TotalMilliseconds);
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
        }
    }

    private async Task<string?> TrySendAsync(byte[] body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(_secret, body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return "timed out";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook: giving up on an alert after {Attempts} attempts: {Error}")]
    private static partial void GaveUp(ILogger log, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "webhook: attempt {Attempt} failed ({Error}); retrying in {DelayMs} ms")]
    private static partial void Retrying(ILogger log, int attempt, string error, double delayMs);
}
