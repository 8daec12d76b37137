using System.Net;
using System.Text;
using System.Text.Json;
using Distill.Attribution.Neo4j;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

public sealed class QueryApiClientTests
{
    [Test]
    public async Task ShouldPostTheStatementToTheQueryEndpointAskingForTypedJson()
    {
        var api = FakeQueryApi.Sequence(() => FakeQueryApi.Accepted(RecordedResponses.NodeAndName));
        using var client = api.Client();

        await client.RunAsync("statement text", new Dictionary<string, object?> { ["name"] = "acct-17", ["limit"] = 10L }, CancellationToken.None);

        var request = api.Requests.Single();
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(request.Uri.ToString(), Is.EqualTo("http://neo4j.test:7474/db/neo4j/query/v2"));
        Assert.That(request.Accept, Is.EqualTo("application/vnd.neo4j.query, application/json; q=0.5"));
        Assert.That(request.ContentType, Is.EqualTo("application/json"));
        Assert.That(request.Authorization, Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("neo4j:secret-pw"))));
        Assert.That(request.Statement, Is.EqualTo("statement text"));
        Assert.That(request.Parameter("name").GetString(), Is.EqualTo("acct-17"));
        Assert.That(request.Parameter("limit").GetInt64(), Is.EqualTo(10));
    }

    [Test]
    public async Task ShouldDecodeNodesAndIntegersBeyondDoublePrecision()
    {
        var api = FakeQueryApi.Sequence(() => FakeQueryApi.Accepted(RecordedResponses.NodeAndName));
        using var client = api.Client();

        var result = await client.RunAsync("s", null, CancellationToken.None);

        Assert.That(result.Fields, Is.EqualTo(new[] { "person", "name" }));
        var node = (Neo4jNode)result.Rows[0][0]!;
        Assert.That(node.Labels, Is.EqualTo(new[] { "Account" }));
        Assert.That(node.ElementId, Does.EndWith(":7"));
        Assert.That(node.Properties["accountId"], Is.EqualTo("acct-17"));
        // 2^53 + 1: a JSON number would have lost the last digit; the typed string keeps it.
        Assert.That(node.Properties["requests"], Is.EqualTo(9007199254740993L));
        Assert.That(result.Rows[0][result.Column("name")], Is.EqualTo("acct-17"));
        Assert.That(result.Bookmarks, Is.EqualTo(new[] { "FB:kcwQbookmark0001" }));
    }

    [Test]
    public async Task ShouldDecodeEveryTypedValue()
    {
        var api = FakeQueryApi.Sequence(() => FakeQueryApi.Accepted(RecordedResponses.EveryType));
        using var client = api.Client();

        var result = await client.RunAsync("s", null, CancellationToken.None);
        var row = result.Rows.Single();
        object? Get(string field) => row[result.Column(field)];

        Assert.That(Get("i"), Is.EqualTo(long.MinValue));
        Assert.That(Get("f"), Is.EqualTo(0.25));
        Assert.That(Get("s"), Is.EqualTo("ünïcode \"quoted\""));
        Assert.That(Get("b"), Is.EqualTo(true));
        Assert.That(Get("n"), Is.Null);
        Assert.That((List<object?>)Get("l")!, Is.EqualTo(new List<object?> { 1L, "two" }));
        Assert.That(((Dictionary<string, object?>)Get("m")!)["k"], Is.EqualTo(1.5));
        // Nanoseconds are truncated to .NET's 100 ns; the instant and the offset are kept.
        Assert.That(Get("dt"), Is.EqualTo(new DateTimeOffset(2026, 1, 5, 14, 4, 11, TimeSpan.FromHours(1)).AddTicks(1_234_567)));
        Assert.That(Get("zdt"), Is.EqualTo(new DateTimeOffset(2026, 1, 5, 13, 4, 11, TimeSpan.Zero)));
        Assert.That(Get("ldt"), Is.EqualTo(new DateTime(2026, 1, 5, 13, 4, 11)));
        Assert.That(Get("d"), Is.EqualTo(new DateOnly(2026, 1, 5)));
        Assert.That(Get("bytes"), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(Get("dur"), Is.EqualTo("P14DT16H12M"));
        Assert.That(double.IsNaN((double)Get("nan")!), Is.True);
    }

    [Test]
    public async Task ShouldAlsoReadPlainJsonAnswers()
    {
        const string plain = """{ "data": { "fields": ["n", "name", "nothing"], "values": [ [ 42, "acct-1", null ] ] }, "bookmarks": [] }""";
        var api = FakeQueryApi.Sequence(() => new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(plain, Encoding.UTF8, "application/json") });
        using var client = api.Client();

        var result = await client.RunAsync("s", null, CancellationToken.None);

        Assert.That(result.SingleLong("n"), Is.EqualTo(42));
        Assert.That(result.Rows[0][1], Is.EqualTo("acct-1"));
        Assert.That(result.Rows[0][2], Is.Null);
    }

    [Test]
    public async Task ShouldRaiseTheServerCodeAndMessageOnAClientError()
    {
        var api = FakeQueryApi.Sequence(() => FakeQueryApi.Json(HttpStatusCode.BadRequest, RecordedResponses.SyntaxError));
        using var client = api.Client();

        var ex = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("RETRN 1", null, CancellationToken.None));

        Assert.That(ex!.Code, Is.EqualTo("Neo.ClientError.Statement.SyntaxError"));
        Assert.That(ex.Message, Does.Contain("Invalid input 'RETRN'"));
        Assert.That(ex.HttpStatus, Is.EqualTo(400));
        Assert.That(ex.IsTransient, Is.False);
        Assert.That(api.Requests, Has.Count.EqualTo(1), "a client error is not retried");
    }

    [Test]
    public async Task ShouldRetryATransientErrorWithGrowingBackoffAndThenSucceed()
    {
        var api = FakeQueryApi.Sequence(
            () => FakeQueryApi.Json(HttpStatusCode.BadRequest, RecordedResponses.Deadlock),
            () => FakeQueryApi.Json(HttpStatusCode.ServiceUnavailable, RecordedResponses.LeaderSwitch),
            () => FakeQueryApi.Accepted(RecordedResponses.Created7));
        var delays = new List<TimeSpan>();
        using var client = api.Client(delays);

        var result = await client.RunAsync("s", null, CancellationToken.None);

        Assert.That(result.SingleLong("created"), Is.EqualTo(7));
        Assert.That(api.Requests, Has.Count.EqualTo(3));
        Assert.That(api.Requests.Select(r => r.Body), Is.All.EqualTo(api.Requests[0].Body), "a retry sends the same statement and parameters");
        Assert.That(delays, Has.Count.EqualTo(2));
        // 200 ms then 400 ms, each with at most ±20 % jitter.
        Assert.That(delays[0].TotalMilliseconds, Is.InRange(160, 240));
        Assert.That(delays[1].TotalMilliseconds, Is.InRange(320, 480));
    }

    [Test]
    public async Task ShouldDecideRetriesFromTheErrorCodeNotTheHttpStatus()
    {
        // A 503 with a client error code is not retried...
        var api = FakeQueryApi.Sequence(() => FakeQueryApi.Json(HttpStatusCode.ServiceUnavailable, RecordedResponses.ConstraintViolation));
        using var client = api.Client();

        var ex = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("s", null, CancellationToken.None));

        Assert.That(ex!.Code, Is.EqualTo("Neo.ClientError.Schema.ConstraintValidationFailed"));
        Assert.That(api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ShouldGiveUpAfterTheConfiguredAttempts()
    {
        var api = new FakeQueryApi(_ => FakeQueryApi.Json(HttpStatusCode.BadRequest, RecordedResponses.Deadlock));
        var delays = new List<TimeSpan>();
        var options = new Neo4jOptions { BaseUri = new Uri("http://neo4j.test:7474/"), MaxAttempts = 3 };
        using var client = api.Client(delays, options);

        var ex = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("s", null, CancellationToken.None));

        Assert.That(ex!.IsTransient, Is.True);
        Assert.That(api.Requests, Has.Count.EqualTo(3));
        Assert.That(delays, Has.Count.EqualTo(2));
    }

    [Test]
    public void ShouldCapTheBackoff()
    {
        var api = FakeQueryApi.Sequence();
        var options = new Neo4jOptions { BaseUri = new Uri("http://x:7474/"), InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(4) };
        using var client = api.Client(options: options);

        Assert.That(client.Backoff(10).TotalSeconds, Is.InRange(3.2, 4.8));
    }

    [Test]
    public async Task ShouldExplainBadCredentials()
    {
        var api = FakeQueryApi.Sequence(() => FakeQueryApi.Json(HttpStatusCode.Unauthorized, RecordedResponses.Unauthorized));
        using var client = api.Client();

        var ex = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("s", null, CancellationToken.None));

        Assert.That(ex!.Code, Is.EqualTo(Neo4jException.UnauthorizedCode));
        Assert.That(ex.Message, Does.Contain("NEO4J_USER").And.Contain("NEO4J_PASSWORD").And.Contain("'neo4j'"));
        Assert.That(ex.Message, Does.Not.Contain("secret-pw"), "the password is never echoed");
    }

    [Test]
    public async Task ShouldExplainAnUnauthorizedAnswerWithoutABody()
    {
        var api = FakeQueryApi.Sequence(() => new HttpResponseMessage(HttpStatusCode.Unauthorized));
        using var client = api.Client();

        var ex = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("s", null, CancellationToken.None));

        Assert.That(ex!.Code, Is.EqualTo(Neo4jException.UnauthorizedCode));
        Assert.That(ex.HttpStatus, Is.EqualTo(401));
    }

    [Test]
    public async Task ShouldExplainAnUnreachableServer()
    {
        var api = new FakeQueryApi(_ => throw new HttpRequestException("Connection refused (neo4j.test:7474)"));
        using var client = api.Client();

        var ex = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("s", null, CancellationToken.None));

        Assert.That(ex!.Code, Is.EqualTo(Neo4jException.UnreachableCode));
        Assert.That(ex.Message, Does.Contain("http://neo4j.test:7474/").And.Contain("Connection refused").And.Contain("Query API"));
    }

    [Test]
    public async Task ShouldExplainAnAnswerThatIsNotFromTheQueryApi()
    {
        var api = FakeQueryApi.Sequence(() => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("<html>Not Found</html>") });
        using var client = api.Client();

        var ex = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("s", null, CancellationToken.None));

        Assert.That(ex!.Code, Is.EqualTo(Neo4jException.ProtocolCode));
        Assert.That(ex.Message, Does.Contain("HTTP 404").And.Contain("Query API"));
    }

    [Test]
    public async Task ShouldSendNoAuthorizationWithoutAUser()
    {
        var api = FakeQueryApi.Sequence(() => FakeQueryApi.Accepted(RecordedResponses.Empty));
        using var client = api.Client(options: new Neo4jOptions { BaseUri = new Uri("http://x:7474/"), Database = "my db" });

        await client.RunAsync("s", null, CancellationToken.None);

        Assert.That(api.Requests[0].Authorization, Is.Null);
        Assert.That(api.Requests[0].Uri.AbsolutePath, Is.EqualTo("/db/my%20db/query/v2"));
    }

    [Test]
    public async Task ShouldWriteEveryParameterKindAsPlainJson()
    {
        var api = FakeQueryApi.Sequence(() => FakeQueryApi.Accepted(RecordedResponses.Empty));
        using var client = api.Client();
        var parameters = new Dictionary<string, object?>
        {
            ["whole"] = 1.0,
            ["fraction"] = 0.125,
            ["at"] = new DateTimeOffset(2026, 1, 5, 14, 4, 11, 250, TimeSpan.FromHours(1)),
            ["ids"] = new[] { "a", "b" },
            ["map"] = new Dictionary<string, object?> { ["n"] = null, ["flag"] = false },
        };

        await client.RunAsync("s", parameters, CancellationToken.None);

        var request = api.Requests.Single();
        // Neo4j reads a JSON 1 as INTEGER: a FLOAT parameter must carry a fraction.
        Assert.That(request.Parameter("whole").GetRawText(), Is.EqualTo("1.0"));
        Assert.That(request.Parameter("fraction").GetDouble(), Is.EqualTo(0.125));
        Assert.That(request.Parameter("at").GetString(), Is.EqualTo("2026-01-05T13:04:11.250Z"));
        Assert.That(request.Parameter("ids").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(request.Parameter("map").GetProperty("n").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(request.Parameter("map").GetProperty("flag").GetBoolean(), Is.False);
    }

    [Test]
    public async Task ShouldRefuseNonFiniteFloats()
    {
        var api = FakeQueryApi.Sequence();
        using var client = api.Client();

        await Assert.ThrowsAsync<ArgumentException>(() => client.RunAsync("s", new Dictionary<string, object?> { ["x"] = double.NaN }, CancellationToken.None));
        Assert.That(api.Requests, Is.Empty);
    }
}
