using System.Text.Json.Nodes;

namespace Distill.GraphQL.Tests.Introspection;

public sealed class IntrospectionTests
{
    [Test]
    public async Task ShouldAnswerGraphQLJsFullIntrospectionQueryWithoutErrors()
    {
        // graphql-js getIntrospectionQuery() with every option on (specifiedByURL, isRepeatable, schema description,
        // input value deprecation); tools/graphql/conformance.sh also feeds the answer to buildClientSchema.
        var query = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Introspection", "full-introspection-query.graphql"));
        var executor = new TestSchema().Executor();

        var result = await executor.RunAsync(query, operationName: "IntrospectionQuery");

        Assert.That(result["errors"], Is.Null);
        var schema = result["data"]!["__schema"]!;
        var types = schema["types"]!.AsArray().Select(t => (string)t!["name"]!).ToList();
        Assert.That(types, Is.SupersetOf(new[] { "Query", "Mutation", "Book", "Author", "Node", "SearchResult", "Genre", "BookFilter", "DateTime", "Long", "JSON", "__Schema", "__Type", "String", "Boolean" }));
        Assert.That((string?)schema["queryType"]!["name"], Is.EqualTo("Query"));
        Assert.That((string?)schema["mutationType"]!["name"], Is.EqualTo("Mutation"));
        Assert.That(schema["subscriptionType"], Is.Null);
        Assert.That((string?)schema["description"], Is.EqualTo("A small library."));
        var skip = schema["directives"]!.AsArray().Single(d => (string?)d!["name"] == "skip")!;
        Assert.That(skip["locations"]!.AsArray().Select(l => (string)l!), Is.EqualTo(new[] { "FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT" }));
        Assert.That(skip["args"]!.ToJsonString(), Does.Contain("\"kind\":\"NON_NULL\""));
        var dateTime = schema["types"]!.AsArray().Single(t => (string?)t!["name"] == "DateTime")!;
        Assert.That((string?)dateTime["specifiedByURL"], Is.EqualTo("https://datatracker.ietf.org/doc/html/rfc3339"));
    }

    [Test]
    public async Task ShouldHideDeprecatedFieldsUnlessAskedFor()
    {
        var executor = new TestSchema().Executor();

        var result = await executor.RunAsync("{ __type(name: \"Book\") { all: fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }");

        var isbn = result["data"]!["__type"]!["all"]!.AsArray().Single(f => (string?)f!["name"] == "isbn")!;
        GraphQLTestHelpers.AssertJsonEqual(isbn, """{"name":"isbn","isDeprecated":true,"deprecationReason":"Use identifiers."}""");
    }

    [Test]
    public async Task ShouldReturnNullForUnknownTypes()
    {
        var result = await new TestSchema().Executor().RunAsync("{ __type(name: \"Nope\") { name } }");

        GraphQLTestHelpers.AssertJsonEqual(result, """{"data":{"__type":null}}""");
    }

    [Test]
    public async Task ShouldDescribeWrappedTypesThroughOfType()
    {
        var result = await new TestSchema().Executor().RunAsync(
            "{ __type(name: \"Author\") { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }");

        var books = result["data"]!["__type"]!["fields"]!.AsArray().Single(f => (string?)f!["name"] == "books")!;
        GraphQLTestHelpers.AssertJsonEqual(books["type"]!,
            """{"kind":"NON_NULL","name":null,"ofType":{"kind":"LIST","name":null,"ofType":{"kind":"NON_NULL","name":null,"ofType":{"kind":"OBJECT","name":"Book"}}}}""");
        Assert.That(JsonNode.DeepEquals(result["errors"], null), Is.True);
    }
}
