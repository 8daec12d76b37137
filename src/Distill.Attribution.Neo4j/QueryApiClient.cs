using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Distill.Attribution.Neo4j;

/// <summary>
/// A small client of Neo4j's HTTP Query API (Neo4j.Driver is not available here). One statement per
/// request: <c>POST /db/{db}/query/v2</c> runs it in an implicit transaction; explicit transactions go
/// through <c>/query/v2/tx</c> (see <see cref="QueryApiTransaction"/>). Parameters go out as plain JSON,
/// answers come back as typed JSON (<c>Accept: application/vnd.neo4j.query</c>) so that INTEGER, FLOAT
/// and temporal values keep their types. Work that fails with a <c>Neo.TransientError.*</c> code is
/// retried with exponential back-off; every other failure surfaces at once as a <see cref="Neo4jException"/>.
/// </summary>
internal sealed class QueryApiClient : IDisposable
{
    /// <summary>Typed JSON media type of the Query API answers.</summary>
    public const string TypedJsonMediaType = "application/vnd.neo4j.query";

    /// <summary>Header a server sets on a new transaction; every later request of it must carry it back.</summary>
    public const string ClusterAffinityHeader = "neo4j-cluster-affinity";

    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly Neo4jOptions options;
    private readonly Func<TimeSpan, CancellationToken, Task> delay;
    private readonly string queryPath;
    private readonly AuthenticationHeaderValue? authorization;

    /// <param name="http">The HTTP client; its <c>BaseAddress</c> is ignored, <see cref="Neo4jOptions.BaseUri"/> is used.</param>
    /// <param name="options">Where to go and how to retry.</param>
    /// <param name="delay">Back-off wait (tests pass one that records and returns at once).</param>
    /// <param name="ownsHttp">Dispose <paramref name="http"/> with this client.</param>
    public QueryApiClient(HttpClient http, Neo4jOptions options, Func<TimeSpan, CancellationToken, Task>? delay = null, bool ownsHttp = false)
    {
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.options = options;
        this.delay = delay ?? Task.Delay;
        queryPath = $"db/{Uri.EscapeDataString(options.Database)}/query/v2";
        if (options.User is not null)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}"));
            authorization = new AuthenticationHeaderValue("Basic", token);
        }
    }

    public Neo4jOptions Options => options;

    /// <summary>Runs one statement in an implicit transaction, retrying transient failures.</summary>
    public Task<QueryResult> RunAsync(string statement, IReadOnlyDictionary<string, object?>? parameters, CancellationToken ct) =>
        RetryAsync(async token => (await SendAsync(HttpMethod.Post, queryPath, statement, parameters, null, token)).Result, ct);

    /// <summary>
    /// Runs <paramref name="work"/> in one explicit transaction and commits it. A transient failure
    /// anywhere (a statement or the commit) rolls the transaction back and runs the whole work again,
    /// because after such a failure the server has already discarded the transaction. Should a commit have
    /// landed although its answer was a transient error, the retry is still harmless: every write the
    /// store sends is idempotent (MERGE on unique keys, earliest/latest-wins updates).
    /// </summary>
    public Task<T> InTransactionAsync<T>(Func<QueryApiTransaction, CancellationToken, Task<T>> work, CancellationToken ct) =>
        RetryAsync(
            async token =>
            {
                await using var tx = await BeginAsync(token);
                var result = await work(tx, token);
                await tx.CommitAsync(token);
                return result;
            },
            ct);

    /// <summary>Opens an explicit transaction (no retry: callers retry the whole transaction).</summary>
    public async Task<QueryApiTransaction> BeginAsync(CancellationToken ct)
    {
        var response = await SendAsync(HttpMethod.Post, queryPath + "/tx", null, null, null, ct);
        if (string.IsNullOrEmpty(response.TransactionId))
        {
            throw new Neo4jException(Neo4jException.ProtocolCode, "Neo4j opened a transaction but sent no transaction id.");
        }

        return new QueryApiTransaction(this, $"{queryPath}/tx/{Uri.EscapeDataString(response.TransactionId)}", response.ClusterAffinity);
    }

    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    /// <summary>Back-off before attempt <paramref name="attempt"/> + 1: doubling from the initial delay, capped, with ±20 % jitter.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var baseMs = options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        baseMs = Math.Min(baseMs, options.MaxBackoff.TotalMilliseconds);
        // Jitter spreads the retries of concurrent writers that failed on the same lock; it changes no result.
#pragma warning disable CA5394 // Not security relevant.
        var jitter = 0.8 + (0.4 * Random.Shared.NextDouble());
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(baseMs * jitter);
    }

    internal async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> attemptWork, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await attemptWork(ct);
            }
            catch (Neo4jException ex) when (ex.IsTransient && attempt < options.MaxAttempts)
            {
                await delay(Backoff(attempt), ct);
            }
        }
    }

    internal async Task<QueryApiResponse> SendAsync(
        HttpMethod method,
        string path,
        string? statement,
        IReadOnlyDictionary<string, object?>? parameters,
        string? clusterAffinity,
        CancellationToken ct)
    {
        var uri = new Uri(options.BaseUri, path);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(TypedJsonMediaType));
        // A server that does not offer typed JSON may answer plain JSON; the decoder reads both.
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.5));
        request.Headers.Authorization = authorization;
        if (clusterAffinity is not null)
        {
            request.Headers.TryAddWithoutValidation(ClusterAffinityHeader, clusterAffinity);
        }

        if (statement is not null)
        {
            var buffer = new MemoryStream();
            await using (var writer = new Utf8JsonWriter(buffer))
            {
                ParameterWriter.WriteBody(writer, statement, parameters);
            }

            buffer.Position = 0;
            request.Content = new StreamContent(buffer);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        else if (method == HttpMethod.Post)
        {
            // Begin and commit carry no statement: an empty body, still labelled JSON as the API expects.
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new Neo4jException(
                Neo4jException.UnreachableCode,
                $"Cannot reach Neo4j at {options.BaseUri} ({ex.Message}). Is the server running, and is its HTTP Query API enabled (Neo4j 5.19+, port 7474)?",
                null,
                ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new Neo4jException(
                Neo4jException.UnreachableCode,
                $"Neo4j at {options.BaseUri} did not answer within {options.RequestTimeout.TotalSeconds:0} s.",
                null,
                ex);
        }

        using (response)
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            JsonDocument? document = null;
            try
            {
                try
                {
                    document = await JsonDocument.ParseAsync(body, default, ct);
                }
                catch (JsonException)
                {
                    document = null;
                }

                ThrowOnError(response.StatusCode, document, uri);
                if (document is null)
                {
                    return new QueryApiResponse(QueryResult.Empty, null, Affinity(response));
                }

                return Decode(document.RootElement, Affinity(response));
            }
            finally
            {
                document?.Dispose();
            }
        }
    }

    private static string? Affinity(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ClusterAffinityHeader, out var values) ? values.FirstOrDefault() : null;

    private void ThrowOnError(HttpStatusCode status, JsonDocument? document, Uri uri)
    {
        var code = (int)status;
        if (document is not null
            && document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("errors", out var errors)
            && errors.ValueKind == JsonValueKind.Array
            && errors.GetArrayLength() > 0)
        {
            var first = errors[0];
            var errorCode = first.TryGetProperty("code", out var c) ? c.GetString() ?? Neo4jException.ProtocolCode : Neo4jException.ProtocolCode;
            var message = first.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : string.Empty;
            if (errorCode == Neo4jException.UnauthorizedCode || status == HttpStatusCode.Unauthorized)
            {
                throw new Neo4jException(errorCode, Unauthorized(message), code);
            }

            throw new Neo4jException(errorCode, $"Neo4j: {errorCode}: {message}", code);
        }

        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new Neo4jException(Neo4jException.UnauthorizedCode, Unauthorized($"HTTP {code}"), code);
        }

        if (code is < 200 or > 299)
        {
            throw new Neo4jException(
                Neo4jException.ProtocolCode,
                $"HTTP {code} from {uri} without a Query API error: check the address, the database name '{options.Database}' and that the Query API is enabled (Neo4j 5.19+).",
                code);
        }
    }

    private string Unauthorized(string detail) =>
        $"Neo4j at {options.BaseUri} refused the credentials of user '{options.User ?? "(none)"}' ({detail}); check NEO4J_USER and NEO4J_PASSWORD.";

    private static QueryApiResponse Decode(JsonElement root, string? affinity)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new Neo4jException(Neo4jException.ProtocolCode, "The Query API answer is not a JSON object.");
        }

        string[] fields = [];
        var rows = new List<object?[]>();
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            if (data.TryGetProperty("fields", out var fieldArray))
            {
                fields = new string[fieldArray.GetArrayLength()];
                var i = 0;
                foreach (var field in fieldArray.EnumerateArray())
                {
                    fields[i++] = field.GetString() ?? string.Empty;
                }
            }

            if (data.TryGetProperty("values", out var values))
            {
                rows.Capacity = values.GetArrayLength();
                foreach (var rowElement in values.EnumerateArray())
                {
                    var row = new object?[fields.Length];
                    var i = 0;
                    foreach (var cell in rowElement.EnumerateArray())
                    {
                        if (i < row.Length)
                        {
                            row[i] = TypedValues.Decode(cell);
                        }

                        i++;
                    }

                    rows.Add(row);
                }
            }
        }

        var bookmarks = new List<string>();
        if (root.TryGetProperty("bookmarks", out var bookmarkArray) && bookmarkArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var bookmark in bookmarkArray.EnumerateArray())
            {
                if (bookmark.ValueKind == JsonValueKind.String)
                {
                    bookmarks.Add(bookmark.GetString()!);
                }
            }
        }

        string? transactionId = null;
        if (root.TryGetProperty("transaction", out var transaction)
            && transaction.ValueKind == JsonValueKind.Object
            && transaction.TryGetProperty("id", out var id))
        {
            transactionId = id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText();
        }

        return new QueryApiResponse(new QueryResult(fields, rows, bookmarks), transactionId, affinity);
    }
}
