using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Distill.Attribution.Cli.Tests;

/// <summary>
/// Every fenced <c>graphql</c> block of README.md and docs/api.md, run as written against <c>distill serve</c> over a
/// small generated store with a detection run: no errors, and every top-level field and every connection it asks for
/// answers something (a look-up that finds nothing is a wrong example).
/// </summary>
public sealed partial class DocsExamplesTests
{
    [GeneratedRegex(@"^```graphql\s*\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex GraphQLBlock();

    [GeneratedRegex(@"\$id\s*:\s*ID!\s*(?!=)")]
    private static partial Regex RequiredIdWithoutDefault();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Distill.Attribution.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Distill.Attribution.sln not found above the test assembly.");
    }

    internal static IReadOnlyList<(string File, int Index, string Query)> Examples()
    {
        var root = RepositoryRoot();
        var examples = new List<(string, int, string)>();
        foreach (var file in new[] { "README.md", "docs/api.md" })
        {
            var index = 0;
            foreach (Match match in GraphQLBlock().Matches(File.ReadAllText(Path.Combine(root, file)).ReplaceLineEndings("\n")))
            {
                examples.Add((file, ++index, match.Groups[1].Value));
            }
        }

        return examples;
    }

    [Test]
    public void ShouldFindTheExamples() =>
        Assert.That(Examples().GroupBy(e => e.File).ToDictionary(g => g.Key, g => g.Count()),
            Is.EqualTo(new Dictionary<string, int> { ["README.md"] = 1, ["docs/api.md"] = 6 }));

    [Test]
    public async Task EveryExampleShouldAnswerWithoutErrorsAndFindSomething()
    {
        using var dir = new TempDirectory();
        var store = await GeneratedDataSet.CopyCleanStoreAsync(dir);
        var detect = await DistillProcess.RunAsync("detect", "--store", store);
        Assert.That(detect.ExitCode, Is.Zero, detect.ToString());
        var key = await DistillProcess.RunAsync("keys", "create", "--role", "admin", "--holder", "Docs Tester", "--store", store);
        Assert.That(key.ExitCode, Is.Zero, key.ToString());
        var port = ServeProcess.FreePort();
        using var serve = DistillProcess.Start("serve", "--urls", $"http://127.0.0.1:{port}", "--store", store);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Output.Trim());
            await ServeProcess.WaitUntilHealthyAsync(http, serve, 60);
            var flagged = await PostAsync(http, "{ clusters(flagged: true, first: 1) { nodes { id } } }", null);
            var clusterId = flagged.GetProperty("data").GetProperty("clusters").GetProperty("nodes")[0].GetProperty("id").GetString()!;
            var steps = await PostAsync(http, "query($id: ID!) { cluster(id: $id) { evidenceSteps(first: 100) { nodes { account depth } } } }", new() { ["id"] = clusterId });
            var deepest = steps.GetProperty("data").GetProperty("cluster").GetProperty("evidenceSteps").GetProperty("nodes").EnumerateArray()
                .MaxBy(n => n.GetProperty("depth").GetInt32()).GetProperty("account").GetString()!;

            foreach (var (file, index, query) in Examples())
            {
                // A required $id without a default (the workbench's query) gets the top flagged cluster, a $member (the
                // evidence example) that cluster's deepest member.
                var variables = RequiredIdWithoutDefault().IsMatch(query) ? new Dictionary<string, object?> { ["id"] = clusterId } : null;
                if (query.Contains("$member: ID!", StringComparison.Ordinal))
                {
                    variables = new Dictionary<string, object?> { ["id"] = clusterId, ["member"] = deepest };
                }
                var answer = await PostAsync(http, query, variables);
                var where = $"{file} graphql block {index}:\n{answer}";

                Assert.That(answer.TryGetProperty("errors", out _), Is.False, where);
                foreach (var field in answer.GetProperty("data").EnumerateObject())
                {
                    Assert.That(field.Value.ValueKind, Is.Not.EqualTo(JsonValueKind.Null), $"{field.Name} is null; {where}");
                    AssertEveryConnectionFindsSomething(field.Value, field.Name, where);
                }
            }
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    private static void AssertEveryConnectionFindsSomething(JsonElement value, string path, string where)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (value.TryGetProperty("totalCount", out var total))
            {
                Assert.That(total.GetInt32(), Is.GreaterThan(0), $"{path} found nothing; {where}");
            }

            foreach (var property in value.EnumerateObject())
            {
                AssertEveryConnectionFindsSomething(property.Value, $"{path}.{property.Name}", where);
            }
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray().Take(3))
            {
                AssertEveryConnectionFindsSomething(item, path + "[]", where);
            }
        }
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string query, Dictionary<string, object?>? variables)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query, variables });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
