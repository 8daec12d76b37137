using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.GraphQL.Execution;

namespace Distill.GraphQL.Tests;

internal static class GraphQLTestHelpers
{
    public static async Task<JsonNode> RunAsync(this GraphQLExecutor executor, string query, string? variablesJson = null, string? operationName = null)
    {
        using var variables = variablesJson is null ? null : JsonDocument.Parse(variablesJson);
        var result = await executor.ExecuteAsync(new GraphQLRequest
        {
            Query = query,
            OperationName = operationName,
            Variables = variables?.RootElement,
        });
        return JsonNode.Parse(result.ToJson())!;
    }

    public static void AssertJsonEqual(JsonNode actual, string expectedJson)
    {
        var expected = JsonNode.Parse(expectedJson)!;
        Assert.That(JsonNode.DeepEquals(actual, expected), Is.True, $"expected:\n{expected.ToJsonString()}\nactual:\n{actual.ToJsonString()}");
    }
}
