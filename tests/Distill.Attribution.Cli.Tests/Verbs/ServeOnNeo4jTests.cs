using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Distill.Attribution.Cli.Tests.Verbs;

/// <summary>
/// <c>distill serve --neo4j</c> end to end against a stand-in Query API: API keys come from the <c>--store</c> file,
/// the account an investigator asks about comes from the graph.
/// </summary>
[NonParallelizable]
public sealed class ServeOnNeo4jTests
{
    [Test]
    public async Task TheAccountQueryShouldReadTheGraph()
    {
        using var dir = new TempDirectory();
        using var neo4j = new FakeNeo4jServer("acct-1", "acct-2");
        var key = await DistillProcess.RunAsync("keys", "create", "--role", "investigator", "--store", dir.File("s.db"));
        Assert.That(key.ExitCode, Is.Zero, key.ToString());
        var port = ServeProcess.FreePort();
        using var serve = DistillProcess.Start("serve", "--urls", $"http://127.0.0.1:{port}", "--neo4j", neo4j.Uri, "--store", dir.File("s.db"));
        var stderr = serve.StandardError.ReadToEndAsync();
        var stdout = serve.StandardOutput.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServeProcess.WaitUntilHealthyAsync(http, serve, 30);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = new StringContent("""{"query":"{ account(id: \"acct-2\") { id emailDomain accessPathway country payments { fingerprint kind } } }"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Output.Trim());

            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            using var json = JsonDocument.Parse(body);
            var account = json.RootElement.GetProperty("data").GetProperty("account");
            Assert.That(account.ValueKind, Is.EqualTo(JsonValueKind.Object), body);
            Assert.That((account.GetProperty("emailDomain").GetString(), account.GetProperty("accessPathway").GetString(), account.GetProperty("country").GetString()),
                Is.EqualTo(("graph.example", "self_serve", "DE")), body);
            Assert.That(account.GetProperty("payments")[0].GetProperty("fingerprint").GetString(), Is.EqualTo("fp-shared"));
            Assert.That(neo4j.Statements.Select(s => s.File), Does.Contain("queries/Accounts/GetAccountProfiles.cypher"));
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
            TestContext.Out.WriteLine(await stderr);
            _ = await stdout;
        }
    }
}
