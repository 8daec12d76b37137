using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Distill.GraphQL.Execution;
using Distill.GraphQL.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Distill.GraphQL.Tests.Http;

/// <summary>GraphQL over HTTP through a real ASP.NET Core pipeline (TestServer), mapped at a non-default path.</summary>
public sealed class GraphQLHttpTests
{
    private const string Path = "/api/v1/graphql";
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private RecordingObserver _observer = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        _observer = new RecordingObserver();
        builder.Services.AddGraphQL(new TestSchema().Schema, options =>
        {
            options.MaxRequestBytes = 2048;
            options.BrowserPage = http =>
            {
                http.Response.ContentType = "text/html";
                return http.Response.WriteAsync("<html>graphiql</html>");
            };
        });
        builder.Services.AddSingleton<IGraphQLHttpInterceptor, ApiKeyInterceptor>();
        builder.Services.AddSingleton<IGraphQLRequestObserver>(_observer);
        _app = builder.Build();
        _app.MapGraphQL(Path);
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task ShouldAnswer401WithoutAnApiKey()
    {
        using var response = await _client.PostAsync(Path, Json("""{"query":"{ whoami }"}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("ApiKey"));
        GraphQLTestHelpers.AssertJsonEqual(await Body(response), """{"errors":[{"message":"Missing or invalid API key.","extensions":{"code":"UNAUTHENTICATED"}}]}""");
    }

    [Test]
    public async Task ShouldExecuteAsTheCallerTheInterceptorAttached()
    {
        using var response = await Send(HttpMethod.Post, Path, """{"query":"query Me { whoami }","operationName":"Me"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("application/graphql-response+json; charset=utf-8"));
        GraphQLTestHelpers.AssertJsonEqual(await Body(response), """{"data":{"whoami":"investigator-7"}}""");
        var record = _observer.Records.Last(r => r.OperationName == "Me");
        Assert.That(record.Items["apiKeyId"], Is.EqualTo("key-7"));
        Assert.That(record.User!.Identity!.Name, Is.EqualTo("investigator-7"));
    }

    [Test]
    public async Task ShouldRunQueriesOverGet()
    {
        var url = Path + "?query=" + Uri.EscapeDataString("query Q($id: ID!) { book(id: $id) { title } }") + "&variables=" + Uri.EscapeDataString("""{"id":"b2"}""");

        using var response = await Send(HttpMethod.Get, url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        GraphQLTestHelpers.AssertJsonEqual(await Body(response), """{"data":{"book":{"title":"Jane Eyre"}}}""");
    }

    [Test]
    public async Task ShouldRefuseMutationsOverGetWith405()
    {
        using var response = await Send(HttpMethod.Get, Path + "?query=" + Uri.EscapeDataString("mutation { log(message: \"x\") }"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "POST" }));
    }

    [Test]
    public async Task ShouldServeTheBrowserPageToBrowsersOpeningTheEndpoint()
    {
        using var response = await Send(HttpMethod.Get, Path, accept: "text/html,application/xhtml+xml");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("<html>graphiql</html>"));
    }

    [Test]
    public async Task ShouldRefuseOtherMethodsWith405()
    {
        using var response = await Send(HttpMethod.Put, Path, """{"query":"{ whoami }"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [TestCase("application/graphql-response+json", HttpStatusCode.BadRequest, "application/graphql-response+json; charset=utf-8")]
    [TestCase("application/json", HttpStatusCode.OK, "application/json; charset=utf-8")]
    [TestCase("*/*", HttpStatusCode.OK, "application/json; charset=utf-8")]
    [TestCase("text/html, application/graphql-response+json;q=0.9", HttpStatusCode.BadRequest, "application/graphql-response+json; charset=utf-8")]
    public async Task ShouldChooseStatusFromTheNegotiatedMediaTypeOnValidationErrors(string accept, HttpStatusCode status, string contentType)
    {
        using var response = await Send(HttpMethod.Post, Path, """{"query":"{ nope }"}""", accept);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo(contentType));
        var body = await Body(response);
        Assert.That(body["data"], Is.Null);
        Assert.That((string?)body["errors"]![0]!["extensions"]!["code"], Is.EqualTo(ErrorCodes.ValidationFailed));
    }

    [Test]
    public async Task ShouldAnswer200WithDataAndErrorsWhenExecutionPartlyFails()
    {
        using var response = await Send(HttpMethod.Post, Path, """{"query":"{ book(id: \"b1\") { title secret } }"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        GraphQLTestHelpers.AssertJsonEqual(await Body(response),
            """{"errors":[{"message":"Unexpected error.","locations":[{"line":1,"column":26}],"path":["book","secret"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"book":{"title":"Notes","secret":null}}}""");
    }

    [Test]
    public async Task ShouldAnswer406WhenNoAcceptableMediaType()
    {
        using var response = await Send(HttpMethod.Post, Path, """{"query":"{ whoami }"}""", "text/html");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotAcceptable));
    }

    [Test]
    public async Task ShouldAnswer415ForOtherContentTypes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent("{ whoami }", Encoding.UTF8, "application/graphql") };
        request.Headers.Add("X-Api-Key", "key-7");

        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [Test]
    public async Task ShouldAnswer413ForBodiesOverTheLimit()
    {
        var query = "{ " + string.Concat(Enumerable.Repeat("whoami ", 400)) + "}";

        using var response = await Send(HttpMethod.Post, Path, $$"""{"query":"{{query}}"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [TestCase("{not json")]
    [TestCase("[1, 2]")]
    [TestCase("""{"query": 5}""")]
    [TestCase("""{"query": "{ whoami }", "variables": "x"}""")]
    [TestCase("""{"query": "{ whoami }", "operationName": 1}""")]
    [TestCase("""{"query": "{ whoami }", "extensions": []}""")]
    [TestCase("""{}""")]
    public async Task ShouldAnswer400ForMalformedRequests(string body)
    {
        using var response = await Send(HttpMethod.Post, Path, body, "application/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)(await Body(response))["errors"]![0]!["extensions"]!["code"], Is.EqualTo(ErrorCodes.BadUserInput));
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string url, string? json = null, string accept = "application/graphql-response+json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = Json(json);
        }

        request.Headers.Add("X-Api-Key", "key-7");
        request.Headers.Accept.ParseAdd(accept);
        return await _client.SendAsync(request);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static async Task<JsonNode> Body(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private sealed class ApiKeyInterceptor : IGraphQLHttpInterceptor
    {
        public ValueTask<GraphQLHttpRejection?> OnRequestAsync(HttpContext httpContext, GraphQLRequest request, CancellationToken cancellationToken)
        {
            if (httpContext.Request.Headers["X-Api-Key"] != "key-7")
            {
                return ValueTask.FromResult<GraphQLHttpRejection?>(GraphQLHttpRejection.Unauthorized("Missing or invalid API key."));
            }

            request.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "investigator-7")], "ApiKey"));
            request.Items["apiKeyId"] = "key-7";
            return ValueTask.FromResult<GraphQLHttpRejection?>(null);
        }
    }

    private sealed class RecordingObserver : IGraphQLRequestObserver
    {
        private readonly List<GraphQLRequestRecord> _records = [];

        public IReadOnlyList<GraphQLRequestRecord> Records
        {
            get
            {
                lock (_records)
                {
                    return [.. _records];
                }
            }
        }

        public ValueTask OnRequestCompletedAsync(GraphQLRequestRecord record, CancellationToken cancellationToken)
        {
            lock (_records)
            {
                _records.Add(record);
            }

            return ValueTask.CompletedTask;
        }
    }
}
