using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.GraphQL.Execution;

namespace Distill.GraphQL.Tests.Hardening;

/// <summary>
/// Issue 17 items 1-2: validation and cost analysis stay linear in the document and inside the request's deadline,
/// and the cost counts what fragments and aliases reach.
/// </summary>
public sealed class AnalysisLimitsTests
{
    /// <summary>20 fragments, each spreading the next one ten times: 10^19 paths when fragments are expanded.</summary>
    internal static string NestedFragmentBomb(int fragments = 20, int spreads = 10)
    {
        var text = new StringBuilder("query Q { books { ...F0 } }\n");
        for (var i = 0; i < fragments; i++)
        {
            text.Append("fragment F").Append(i).Append(" on Book { ");
            if (i == fragments - 1)
            {
                text.Append("title ");
            }
            else
            {
                for (var j = 0; j < spreads; j++)
                {
                    text.Append("...F").Append(i + 1).Append(' ');
                }
            }

            text.Append("}\n");
        }

        return text.ToString();
    }

    [Test]
    public async Task ShouldAnswerTheNestedFragmentBombWithACostErrorWithoutExpandingIt()
    {
        var executor = new TestSchema().Executor(new GraphQLExecutionOptions { Timeout = TimeSpan.FromSeconds(20) });
        var query = NestedFragmentBomb();

        // Before the fix the analysis walked 10^19 paths and never returned; a bounded wait makes that a failure.
        var run = Task.Run(() => executor.RunAsync(query));
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run;

        Assert.That(finished, Is.True, "the analysis of a 20 x 10 fragment document did not finish");
        var result = await run;
        Assert.That(result["data"], Is.Null);
        Assert.That((string?)result["errors"]![0]!["extensions"]!["code"], Is.EqualTo(ErrorCodes.MaxCostExceeded));
    }

    [Test]
    public async Task ShouldCountEverySpreadOfAFragmentAndEveryAlias()
    {
        var executor = new TestSchema().Executor(new GraphQLExecutionOptions { MaxCost = 100 });

        // books(first: 3) { title } costs 1 + 3 x 1 = 4: 30 aliases through a fragment cost 120 > 100.
        var aliases = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"a{i}: books(first: 3) {{ ...T }}"));
        var result = await executor.RunAsync($"{{ {aliases} }} fragment T on Book {{ title }}");
        Assert.That((string?)result["errors"]![0]!["extensions"]!["code"], Is.EqualTo(ErrorCodes.MaxCostExceeded));
        Assert.That((string?)result["errors"]![0]!["message"], Does.Contain("120"));

        var cheap = await executor.RunAsync("{ a: books(first: 3) { ...T } b: books(first: 3) { ...T } } fragment T on Book { title }");
        Assert.That(cheap["errors"], Is.Null);
    }

    [Test]
    public async Task ShouldStopValidationAtTheDeadline()
    {
        // 3,000 aliases of one response name with sub-selections: the overlap rule compares them pairwise.
        var executor = new TestSchema().Executor(new GraphQLExecutionOptions { Timeout = TimeSpan.FromMilliseconds(1), MaxTokens = 200_000 });
        var fields = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"x: books(first: 1) {{ t{i % 7}: title }}"));

        var result = await executor.RunAsync($"{{ {fields} }}");

        Assert.That(result["data"], Is.Null);
        Assert.That((string?)result["errors"]![0]!["extensions"]!["code"], Is.EqualTo(ErrorCodes.Timeout));
    }

    /// <summary>
    /// A JSON literal deeper than the JSON reader allows (64 levels) reached the reader and threw out of the executor
    /// (found by afl-fuzz in CI). Exactly 64 levels echo back; 65 are a coercion error, inline or as a variable's default.
    /// </summary>
    [TestCase("{ echoJson(value: %) }", "[", "]")]
    [TestCase("{ echoJson(value: %) }", "{a: ", "}")]
    [TestCase("query($v: JSON = %) { echoJson(value: $v) }", "[", "]")]
    [TestCase("query($v: JSON = %) { echoJson(value: $v) }", "{a: ", "}")]
    public async Task ShouldEchoAJsonLiteralSixtyFourLevelsDeepAndRefuseADeeperOne(string template, string open, string close)
    {
        var executor = new TestSchema().Executor();
        string Nested(int depth) => template.Replace("%", string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)), StringComparison.Ordinal);

        // The response nests two levels more than the value (the response and its data): read it with room for them.
        var json = (await executor.ExecuteAsync(new GraphQLRequest { Query = Nested(64) })).ToJson();
        var deepest = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 128 })!;
        Assert.That(deepest["errors"], Is.Null, json);
        var echoed = deepest["data"]!["echoJson"]!;
        for (var level = 0; level < 64; level++)
        {
            echoed = open == "[" ? echoed[0]! : echoed["a"]!;
        }

        Assert.That((int)echoed, Is.EqualTo(1));

        var deeper = await executor.RunAsync(Nested(65));
        Assert.That(deeper["data"], Is.Null);
        Assert.That((string?)deeper["errors"]![0]!["message"], Does.Contain("nested more than 64 levels deep"), deeper.ToJsonString());
    }
}
