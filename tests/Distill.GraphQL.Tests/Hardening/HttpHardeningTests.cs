using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Distill.GraphQL.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Distill.GraphQL.Tests.Hardening;

/// <summary>Issue 17: bodies that are not Unicode, the response-size cap, and refusals reported to observers.</summary>
public sealed class HttpHardeningTests
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private RecordingRefusals _refusals = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        _refusals = new RecordingRefusals();
        builder.Services.AddGraphQL(new TestSchema().Schema, options => options.MaxResponseBytes = 4096);
        builder.Services.AddSingleton<IGraphQLHttpRefusalObserver>(_refusals);
        _app = builder.Build();
        _app.MapGraphQL("/graphql");
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [TestCase(new byte[] { 0xFF, 0xFE }, TestName = "ShouldAnswer400ForABodyWithInvalidUtf8Bytes")]
    [TestCase(new byte[] { 0xED, 0xA0, 0x80 }, TestName = "ShouldAnswer400ForABodyWithAnEncodedSurrogate")]
    public async Task ShouldAnswer400ForInvalidUtf8(byte[] bad)
    {
        var body = Encoding.UTF8.GetBytes("{\"query\":\"{ books { title } }\",\"variables\":{\"a\":\"").Concat(bad).Concat(Encoding.UTF8.GetBytes("\"}}")).ToArray();

        using var response = await PostAsync(body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((string?)json["errors"]![0]!["extensions"]!["code"], Is.EqualTo(ErrorCodes.BadUserInput));
    }

    [TestCase("""{"query":"{ echoList(values: [\"a\"]) }","variables":{"v":"\ud800"}}""", TestName = "ShouldAnswer400ForALoneSurrogateInAVariable")]
    [TestCase("""{"query":"query($v: [String]) { echoList(values: $v) }","variables":{"v":["\udfff"]}}""", TestName = "ShouldAnswer400ForALoneSurrogateInAUsedVariable")]
    public async Task ShouldAnswer400ForALoneSurrogateEscape(string body)
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((string?)json["errors"]![0]!["extensions"]!["code"], Is.EqualTo(ErrorCodes.BadUserInput));
        Assert.That(_refusals.Codes, Does.Contain((400, ErrorCodes.BadUserInput)));
    }

    [Test]
    public async Task ShouldReplaceAResponseOverTheCapWithOneClearError()
    {
        var aliases = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"b{i}: books {{ title year }}"));
        using var response = await PostAsync(Encoding.UTF8.GetBytes($$"""{"query":"{ {{aliases}} }"}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(text.Length, Is.LessThan(4096));
        var json = JsonNode.Parse(text)!;
        Assert.That(json["data"], Is.Null);
        Assert.That((string?)json["errors"]![0]!["extensions"]!["code"], Is.EqualTo(ErrorCodes.ResponseTooLarge));

        using var small = await PostAsync(Encoding.UTF8.GetBytes("""{"query":"{ books(first: 1) { title } }"}"""));
        Assert.That(JsonNode.Parse(await small.Content.ReadAsStringAsync())!["data"], Is.Not.Null);
    }

    [Test]
    public async Task ShouldReportRefusedRequestsToTheObservers()
    {
        using (var wrongType = new ByteArrayContent("{}"u8.ToArray()))
        {
            wrongType.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            using var response = await _client.PostAsync("/graphql", wrongType);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Json("{\"query\":\"{ books { title } }\"}") })
        {
            request.Headers.Accept.ParseAdd("text/csv");
            using var response = await _client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotAcceptable));
        }

        using (var response = await PostAsync("not json"u8.ToArray()))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        Assert.That(_refusals.Codes, Does.Contain((415, ErrorCodes.BadUserInput)));
        Assert.That(_refusals.Codes, Does.Contain((406, "NOT_ACCEPTABLE")));
        Assert.That(_refusals.Codes, Does.Contain((400, ErrorCodes.BadUserInput)));
    }

    private Task<HttpResponseMessage> PostAsync(byte[] body) => _client.PostAsync("/graphql", Json(body));

    private static ByteArrayContent Json(string text) => Json(Encoding.UTF8.GetBytes(text));

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private sealed class RecordingRefusals : IGraphQLHttpRefusalObserver
    {
        private readonly List<(int, string)> _codes = [];

        public IReadOnlyList<(int, string)> Codes
        {
            get
            {
                lock (_codes)
                {
                    return [.. _codes];
                }
            }
        }

        public ValueTask OnRefusedAsync(GraphQLHttpRefusal refusal, CancellationToken cancellationToken)
        {
            lock (_codes)
            {
                _codes.Add((refusal.StatusCode, refusal.Code));
            }

            return ValueTask.CompletedTask;
        }
    }
}
