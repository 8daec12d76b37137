using System.Buffers;
using System.Text;
using System.Text.Json;
using Distill.GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Distill.GraphQL.Http;

/// <summary>
/// GraphQL over Server-Sent Events, "distinct connections mode" of the graphql-sse protocol: a POST that accepts
/// <c>text/event-stream</c> gets one SSE response; each result is an <c>event: next</c> whose data is the result JSON,
/// the end is an <c>event: complete</c>. Requests that fail validation still get a 200 stream with one <c>next</c>
/// carrying the errors (the protocol's rule: an event-stream client cannot read a 400 body); authentication and the
/// stream caps answer with ordinary HTTP errors before any stream starts. The client ends a subscription by closing
/// the connection.
/// </summary>
internal static partial class GraphQLHttpHandler
{
    private const string EventStream = "text/event-stream; charset=utf-8";
    private static readonly byte[] KeepAlive = Encoding.UTF8.GetBytes(": keep-alive\n\n");
    private static readonly byte[] NextPrefix = Encoding.UTF8.GetBytes("event: next\ndata: ");
    private static readonly byte[] EventEnd = Encoding.UTF8.GetBytes("\n\n");
    private static readonly byte[] Complete = Encoding.UTF8.GetBytes("event: complete\ndata:\n\n");

    /// <summary>Whether Accept lists <c>text/event-stream</c>.</summary>
    internal static bool AcceptsEventStream(string accept)
    {
        foreach (var part in accept.Split(','))
        {
            if (part.Split(';')[0].Trim().Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task StreamAsync(HttpContext http, GraphQLExecutor executor, GraphQLServerOptions options, GraphQLRequest request)
    {
        var limits = options.Subscriptions;
        var response = http.Response;
        var caller = limits.CallerKey?.Invoke(http, request)
            ?? request.User?.Identity?.Name
            ?? "address:" + http.Connection.RemoteIpAddress;
        using var slot = options.StreamSlots.TryAcquire(caller, limits.MaxStreams, limits.MaxStreamsPerCaller, out var refusal);
        if (slot is null)
        {
            response.Headers.RetryAfter = "5";
            await RefuseAsync(http, StatusCodes.Status429TooManyRequests, refusal!, ErrorCodes.SubscriptionLimit, request);
            return;
        }

        var stopping = http.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        lifetime.CancelAfter(limits.MaxLifetime);
        SubscriptionResult subscription;
        try
        {
            subscription = await executor.SubscribeAsync(request, lifetime.Token);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (!response.HasStarted)
        {
            executor.Options.OnUnexpectedException?.Invoke(ex);
            await RefuseAsync(http, StatusCodes.Status500InternalServerError, "The request failed unexpectedly.", ErrorCodes.InternalServerError, request);
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = EventStream;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // a reverse proxy must not hold events back
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await response.StartAsync(http.RequestAborted);
            await response.Body.FlushAsync(http.RequestAborted);
            if (subscription.Result is { } single)
            {
                await WriteNextAsync(response, single, options.MaxResponseBytes, http.RequestAborted);
                await response.Body.WriteAsync(Complete, http.RequestAborted);
                return;
            }

            await PumpAsync(http, subscription.Stream!, options, lifetime);
        }
        catch (Exception ex) when (http.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The client went away: nothing to answer.
        }
    }

    /// <summary>Writes each result as it comes and a keep-alive comment whenever the stream is idle for an interval.</summary>
    private static async Task PumpAsync(HttpContext http, IAsyncEnumerable<ExecutionResult> stream, GraphQLServerOptions options, CancellationTokenSource lifetime)
    {
        var body = http.Response.Body;
        var aborted = http.RequestAborted;
        var events = stream.GetAsyncEnumerator(lifetime.Token);
        Task<bool>? next = null;
        try
        {
            while (true)
            {
                next ??= events.MoveNextAsync().AsTask();
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token))
                {
                    var timer = Task.Delay(options.Subscriptions.KeepAliveInterval, idle.Token);
                    if (await Task.WhenAny(next, timer) != next)
                    {
                        if (lifetime.IsCancellationRequested)
                        {
                            break;
                        }

                        await body.WriteAsync(KeepAlive, aborted);
                        await body.FlushAsync(aborted);
                        continue;
                    }

                    await idle.CancelAsync();
                }

                bool more;
                try
                {
                    more = await next;
                }
                catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
                {
                    more = false;
                }

                next = null;
                if (!more)
                {
                    break;
                }

                await WriteNextAsync(http.Response, events.Current, options.MaxResponseBytes, aborted);
            }

            // The source ended, the stream reached its maximum lifetime, or the server is stopping: say so.
            if (!aborted.IsCancellationRequested)
            {
                await body.WriteAsync(Complete, aborted);
                await body.FlushAsync(aborted);
            }
        }
        finally
        {
            await lifetime.CancelAsync();
            var settled = true;
            if (next is not null)
            {
                // An enumerator cannot be disposed while a MoveNext is pending; a source that ignores cancellation is abandoned.
                settled = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)) == next;
                _ = next.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            if (settled)
            {
                await events.DisposeAsync();
            }
        }
    }

    private static async Task WriteNextAsync(HttpResponse response, ExecutionResult result, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        buffer.Write(NextPrefix);
        var start = buffer.WrittenCount;
        using (var writer = new Utf8JsonWriter(buffer, ExecutionResult.WriterOptions))
        {
            result.WriteTo(writer);
        }

        if (buffer.WrittenCount - start > maxBytes)
        {
            buffer.Clear();
            buffer.Write(NextPrefix);
            using var writer = new Utf8JsonWriter(buffer, ExecutionResult.WriterOptions);
            writer.WriteStartObject();
            writer.WriteNull("data");
            writer.WritePropertyName("errors");
            ExecutionResult.WriteErrors(writer, [new GraphQLError($"The response exceeds the maximum of {maxBytes} bytes; ask for fewer fields.", null, null, ErrorCodes.ResponseTooLarge)]);
            writer.WriteEndObject();
        }

        buffer.Write(EventEnd);
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
