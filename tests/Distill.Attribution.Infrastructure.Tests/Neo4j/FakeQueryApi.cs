using System.Net;
using System.Text;
using Distill.Attribution.Neo4j;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>
/// A stand-in for a Neo4j server's Query API: records every request and answers with what the test
/// scripted (recorded bodies shaped like the examples in Neo4j's Query API documentation).
/// </summary>
internal sealed class FakeQueryApi(Func<RecordedRequest, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Answers the requests in order with <paramref name="responses"/>; one more request fails the test.</summary>
    public static FakeQueryApi Sequence(params Func<HttpResponseMessage>[] responses)
    {
        var next = 0;
        return new FakeQueryApi(_ =>
        {
            Assert.That(next, Is.LessThan(responses.Length), "The client sent more requests than the test scripted.");
            return responses[next++]();
        });
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body, string? affinity = null)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(body, Encoding.UTF8, QueryApiClient.TypedJsonMediaType),
        };
        if (affinity is not null)
        {
            response.Headers.TryAddWithoutValidation(QueryApiClient.ClusterAffinityHeader, affinity);
        }

        return response;
    }

    public static HttpResponseMessage Accepted(string body, string? affinity = null) => Json(HttpStatusCode.Accepted, body, affinity);

    /// <summary>Creates a client on this fake; back-off waits are recorded in <paramref name="delays"/> instead of slept.</summary>
    public QueryApiClient Client(List<TimeSpan>? delays = null, Neo4jOptions? options = null)
    {
        options ??= new Neo4jOptions { BaseUri = new Uri("http://neo4j.test:7474/"), User = "neo4j", Password = "secret-pw", Database = "neo4j" };
        return new QueryApiClient(
            new HttpClient(this),
            options,
            (delay, _) =>
            {
                delays?.Add(delay);
                return Task.CompletedTask;
            },
            ownsHttp: true);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Accept.ToString(),
            request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues(QueryApiClient.ClusterAffinityHeader, out var values) ? values.Single() : null,
            request.Content?.Headers.ContentType?.MediaType,
            body);
        lock (Requests)
        {
            Requests.Add(recorded);
        }

        return respond(recorded);
    }
}
