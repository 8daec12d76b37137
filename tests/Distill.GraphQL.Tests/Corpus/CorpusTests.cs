using System.Text.Json.Nodes;
using Distill.GraphQL.Execution;

namespace Distill.GraphQL.Tests.Corpus;

/// <summary>
/// Table-driven corpus: every validation rule's failing (and passing) case, and execution cases with their full
/// expected JSON responses (data, error messages, locations, paths, codes). The tables are the JSON files beside this one.
/// </summary>
public sealed class CorpusTests
{
    private static readonly TestSchema Library = new();
    private static readonly GraphQLExecutor Executor = Library.Executor();

    public static IEnumerable<TestCaseData> ValidationCases() => Load("validation-corpus.json");

    public static IEnumerable<TestCaseData> ExecutionCases() => Load("execution-corpus.json");

    [TestCaseSource(nameof(ValidationCases))]
    public async Task ShouldReportTheValidationErrorsOfTheCorpus(JsonObject testCase)
    {
        var actual = await Executor.RunAsync((string)testCase["query"]!);
        var errors = testCase["errors"]!.AsArray();
        if (errors.Count == 0)
        {
            // Valid documents may still fail later (e.g. a variable not given here); only validation errors count.
            var validationErrors = actual["errors"]?.AsArray().Where(e => (string?)e!["extensions"]?["code"] == ErrorCodes.ValidationFailed);
            Assert.That(validationErrors, Is.Null.Or.Empty, actual.ToJsonString());
            return;
        }

        var expected = new JsonObject
        {
            ["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
            {
                ["message"] = e!["message"]!.DeepClone(),
                ["locations"] = new JsonArray(e["locations"]!.AsArray()
                    .Select(l => (JsonNode)new JsonObject { ["line"] = l![0]!.DeepClone(), ["column"] = l[1]!.DeepClone() }).ToArray()),
                ["extensions"] = new JsonObject { ["code"] = ErrorCodes.ValidationFailed },
            }).ToArray()),
        };
        GraphQLTestHelpers.AssertJsonEqual(actual, expected.ToJsonString());
    }

    [TestCaseSource(nameof(ExecutionCases))]
    public async Task ShouldAnswerTheExecutionCorpus(JsonObject testCase)
    {
        var actual = await Executor.RunAsync(
            (string)testCase["query"]!,
            testCase["variables"]?.ToJsonString(),
            (string?)testCase["operationName"]);

        GraphQLTestHelpers.AssertJsonEqual(actual, testCase["response"]!.ToJsonString());
    }

    private static IEnumerable<TestCaseData> Load(string file)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Corpus", file);
        foreach (var node in JsonNode.Parse(File.ReadAllText(path))!.AsArray())
        {
            yield return new TestCaseData(node!.AsObject()).SetName((string)node["name"]!);
        }
    }
}
