using System.Buffers;
using System.Text.Json;
using Distill.GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP specification): POST application/json, GET for queries only,
/// <c>application/graphql-response+json</c> or <c>application/json</c> responses chosen from Accept, and the
/// status codes the specification gives for each case.
/// </summary>
internal static partial class GraphQLHttpHandler
{
    private const string GraphQLResponseJson = "application/graphql-response+json; charset=utf-8";
    private const string ApplicationJson = "application/json; charset=utf-8";

    public static async Task HandleAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<GraphQLServerOptions>();
        var executor = services.GetRequiredService<GraphQLExecutor>();
        var request = http.Request;
        var response = http.Response;
        var isGet = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = options.EnableGet ? "GET, POST" : "POST";
            await ObserveRefusalAsync(http, new GraphQLHttpRefusal(http, StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", null, null));
            return;
        }

        if (isGet && !options.EnableGet)
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "POST";
            await ObserveRefusalAsync(http, new GraphQLHttpRefusal(http, StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", null, null));
            return;
        }

        if (isGet && options.BrowserPage is { } page && !request.Query.ContainsKey("query")
            && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            await page(http);
            return;
        }

        // GraphQL over Server-Sent Events (GraphQLHttpHandler.EventStream.cs): POST only, as graphql-sse's distinct connections mode.
        var eventStream = !isGet && AcceptsEventStream(request.Headers.Accept.ToString());
        var mediaType = eventStream ? ApplicationJson : NegotiateMediaType(request.Headers.Accept.ToString());
        if (mediaType is null)
        {
            response.StatusCode = StatusCodes.Status406NotAcceptable;
            response.Headers.Accept = GraphQLResponseJson + ", " + ApplicationJson;
            await ObserveRefusalAsync(http, new GraphQLHttpRefusal(http, StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE", null, null));
            return;
        }

        var legacy = ReferenceEquals(mediaType, ApplicationJson);
        GraphQLRequest graphQLRequest;
        JsonDocument? body = null;
        try
        {
            if (isGet)
            {
                if (request.QueryString.Value?.Length > options.MaxQueryStringLength)
                {
                    await RefuseAsync(http, StatusCodes.Status414UriTooLong, "The query string is too long.", ErrorCodes.BadUserInput, null);
                    return;
                }

                (graphQLRequest, body) = ReadGet(request);
            }
            else
            {
                if (!IsJsonContentType(request.ContentType))
                {
                    await RefuseAsync(http, StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json.", ErrorCodes.BadUserInput, null);
                    return;
                }

                if (request.ContentLength > options.MaxRequestBytes)
                {
                    await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, $"The request body exceeds {options.MaxRequestBytes} bytes.", ErrorCodes.BadUserInput, null);
                    return;
                }

                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
                {
                    sizeFeature.MaxRequestBodySize = options.MaxRequestBytes;
                }

                var bytes = await ReadBodyAsync(request, options.MaxRequestBytes, http.RequestAborted);
                if (bytes is null)
                {
                    await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, $"The request body exceeds {options.MaxRequestBytes} bytes.", ErrorCodes.BadUserInput, null);
                    return;
                }

                (graphQLRequest, body) = ReadPost(bytes);
            }
        }
        catch (BadRequestException ex)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, ex.Message, ErrorCodes.BadUserInput, null);
            return;
        }

        using (body)
        {
            graphQLRequest.Services = services;
            if (http.User.Identity?.IsAuthenticated == true)
            {
                graphQLRequest.User = http.User;
            }

            foreach (var interceptor in services.GetServices<IGraphQLHttpInterceptor>())
            {
                if (await interceptor.OnRequestAsync(http, graphQLRequest, http.RequestAborted) is { } rejection)
                {
                    if (rejection.Headers is not null)
                    {
                        foreach (var (name, value) in rejection.Headers)
                        {
                            response.Headers[name] = value;
                        }
                    }

                    await WriteRequestErrorAsync(response, rejection.StatusCode, rejection.Message, rejection.Code);
                    await ObserveRefusalAsync(http, new GraphQLHttpRefusal(http, rejection.StatusCode, rejection.Code, graphQLRequest.OperationName,
                        PreparedDocument.HashOf(graphQLRequest.Query)));
                    return;
                }
            }

            if (eventStream)
            {
                await StreamAsync(http, executor, options, graphQLRequest);
                return;
            }

            ExecutionResult result;
            try
            {
                result = await executor.ExecuteAsync(graphQLRequest, http.RequestAborted);
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!response.HasStarted)
            {
                // A failure outside resolvers (e.g. an observer's store is full): a JSON error, never an empty 500.
                executor.Options.OnUnexpectedException?.Invoke(ex);
                await RefuseAsync(http, StatusCodes.Status500InternalServerError, "The request failed unexpectedly.", ErrorCodes.InternalServerError,
                    graphQLRequest);
                return;
            }

            if (result.MutationNotAllowed)
            {
                response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                response.Headers.Allow = "POST";
                await WriteResultAsync(response, result, mediaType, options.MaxResponseBytes);
                return;
            }

            // application/json: always 200 (legacy clients). graphql-response+json: 400 when the request failed before execution.
            response.StatusCode = !legacy && !result.HasData ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
            await WriteResultAsync(response, result, mediaType, options.MaxResponseBytes);
        }
    }

    /// <summary>Picks the response media type from Accept, first acceptable entry wins; null means 406.</summary>
    internal static string? NegotiateMediaType(string accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return ApplicationJson;
        }

        foreach (var part in accept.Split(','))
        {
            var pieces = part.Split(';');
            var type = pieces[0].Trim().ToLowerInvariant();
            var charsetOk = true;
            for (var i = 1; i < pieces.Length; i++)
            {
                var parameter = pieces[i].Trim().ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
                if (parameter.StartsWith("charset=", StringComparison.Ordinal))
                {
                    charsetOk = parameter is "charset=utf-8" or "charset=utf8";
                }
            }

            if (!charsetOk)
            {
                continue;
            }

            if (type == "application/graphql-response+json")
            {
                return GraphQLResponseJson;
            }

            if (type is "application/json" or "application/*" or "*/*")
            {
                return ApplicationJson;
            }
        }

        return null;
    }

    private static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var pieces = contentType.Split(';');
        if (!pieces[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        for (var i = 1; i < pieces.Length; i++)
        {
            var parameter = pieces[i].Trim().ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
            if (parameter.StartsWith("charset=", StringComparison.Ordinal) && parameter is not ("charset=utf-8" or "charset=utf8"))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and < 65536 ? (int)request.ContentLength.Value : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            int read;
            try
            {
                read = await request.Body.ReadAsync(memory, cancellationToken);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return null;
            }

            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }

    private static (GraphQLRequest Request, JsonDocument? Body) ReadPost(byte[] bytes)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            throw new BadRequestException("The request body is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            throw new BadRequestException("The request body is not valid JSON.");
        }

        if (!AllStringsAreUnicode(bytes))
        {
            document.Dispose();
            throw new BadRequestException("The request body contains a string that is not valid Unicode (a lone surrogate escape).");
        }

        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequestException("The request body must be a JSON object.");
            }

            string? query = null;
            string? operationName = null;
            JsonElement? variables = null;
            if (root.TryGetProperty("query", out var q))
            {
                query = q.ValueKind switch
                {
                    JsonValueKind.String => q.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new BadRequestException("The \"query\" parameter must be a string."),
                };
            }

            if (root.TryGetProperty("operationName", out var op))
            {
                operationName = op.ValueKind switch
                {
                    JsonValueKind.String => op.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new BadRequestException("The \"operationName\" parameter must be a string."),
                };
            }

            if (root.TryGetProperty("variables", out var v))
            {
                variables = v.ValueKind switch
                {
                    JsonValueKind.Object => v,
                    JsonValueKind.Null => null,
                    _ => throw new BadRequestException("The \"variables\" parameter must be an object."),
                };
            }

            if (root.TryGetProperty("extensions", out var e) && e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                throw new BadRequestException("The \"extensions\" parameter must be an object.");
            }

            if (query is null)
            {
                throw new BadRequestException("The \"query\" parameter is required.");
            }

            return (new GraphQLRequest { Query = query, OperationName = operationName, Variables = variables }, document);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static (GraphQLRequest Request, JsonDocument? Body) ReadGet(HttpRequest request)
    {
        var query = request.Query["query"].ToString();
        if (string.IsNullOrEmpty(query))
        {
            throw new BadRequestException("The \"query\" parameter is required.");
        }

        var operationName = request.Query["operationName"].ToString();
        JsonDocument? document = null;
        var variablesText = request.Query["variables"].ToString();
        if (!string.IsNullOrEmpty(variablesText))
        {
            try
            {
                document = JsonDocument.Parse(variablesText);
            }
            catch (JsonException)
            {
                throw new BadRequestException("The \"variables\" parameter is not valid JSON.");
            }

            if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                document.Dispose();
                throw new BadRequestException("The \"variables\" parameter must be an object.");
            }

            if (!AllStringsAreUnicode(System.Text.Encoding.UTF8.GetBytes(variablesText)))
            {
                document.Dispose();
                throw new BadRequestException("The \"variables\" parameter contains a string that is not valid Unicode (a lone surrogate escape).");
            }
        }

        var extensionsText = request.Query["extensions"].ToString();
        if (!string.IsNullOrEmpty(extensionsText))
        {
            try
            {
                using var extensions = JsonDocument.Parse(extensionsText);
                if (extensions.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                {
                    throw new BadRequestException("The \"extensions\" parameter must be an object.");
                }
            }
            catch (JsonException)
            {
                document?.Dispose();
                throw new BadRequestException("The \"extensions\" parameter is not valid JSON.");
            }
        }

        var graphQLRequest = new GraphQLRequest
        {
            Query = query,
            OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
            Variables = document?.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement : null,
            AllowMutations = false,
        };
        return (graphQLRequest, document);
    }

    private static async Task WriteResultAsync(HttpResponse response, ExecutionResult result, string mediaType, long maxBytes)
    {
        response.ContentType = mediaType;
        using var buffer = new SegmentedBufferWriter { Limit = maxBytes };
        try
        {
            using var writer = new Utf8JsonWriter(buffer, ExecutionResult.WriterOptions);
            result.WriteTo(writer);
        }
        catch (ResponseTooLargeException ex)
        {
            await WriteTooLargeAsync(response, ex.Limit);
            return;
        }

        response.ContentLength = buffer.WrittenCount;
        await buffer.CopyToAsync(response, CancellationToken.None);
    }

    /// <summary>The result is dropped: <c>{"data":null,"errors":[RESPONSE_TOO_LARGE]}</c>, status 200 (the operation did execute).</summary>
    private static async Task WriteTooLargeAsync(HttpResponse response, long limit)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ExecutionResult.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNull("data");
            writer.WritePropertyName("errors");
            ExecutionResult.WriteErrors(writer, [new GraphQLError($"The response exceeds the maximum of {limit} bytes; ask for fewer fields, aliases or items.", null, null, ErrorCodes.ResponseTooLarge)]);
            writer.WriteEndObject();
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory);
    }

    /// <summary>
    /// Whether every string and property name of a (syntactically valid) JSON text decodes to UTF-16: escapes such as
    /// <c>\ud800</c> without their pair pass the parser but make <c>GetString</c> throw later, deep in execution.
    /// </summary>
    internal static bool AllStringsAreUnicode(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }

        return true;
    }

    private static async Task RefuseAsync(HttpContext http, int status, string message, string code, GraphQLRequest? request)
    {
        await WriteRequestErrorAsync(http.Response, status, message, code);
        await ObserveRefusalAsync(http, new GraphQLHttpRefusal(http, status, code, request?.OperationName,
            request is null ? null : PreparedDocument.HashOf(request.Query)));
    }

    /// <summary>Tells the refusal observers; they run with no cancellation so that a client that left is still recorded.</summary>
    private static async Task ObserveRefusalAsync(HttpContext http, GraphQLHttpRefusal refusal)
    {
        foreach (var observer in http.RequestServices.GetServices<IGraphQLHttpRefusalObserver>())
        {
            try
            {
                await observer.OnRefusedAsync(refusal, CancellationToken.None);
            }
            catch (Exception ex) when (http.Response.HasStarted)
            {
                // The answer is already sent; the failure goes to the log rather than turning into an empty 500.
                http.RequestServices.GetRequiredService<GraphQLExecutor>().Options.OnUnexpectedException?.Invoke(ex);
            }
        }
    }

    private static async Task WriteRequestErrorAsync(HttpResponse response, int status, string message, string code)
    {
        response.StatusCode = status;
        response.ContentType = ApplicationJson;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ExecutionResult.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("errors");
            ExecutionResult.WriteErrors(writer, [new GraphQLError(message, null, null, code)]);
            writer.WriteEndObject();
        }

        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory);
    }

    private sealed class BadRequestException(string message) : Exception(message);
}
