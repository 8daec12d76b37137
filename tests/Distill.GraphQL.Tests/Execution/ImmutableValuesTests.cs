using Distill.GraphQL.Execution;
using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Tests.Execution;

/// <summary>Completed selections of values of an <see cref="ObjectType.ImmutableValues"/> type are reused, and only when safe.</summary>
public sealed class ImmutableValuesTests
{
    private sealed record Tag(string Label);

    private sealed record Item(string Name, Tag[] Tags, string? Broken);

    private sealed class Counters
    {
        public int Names;
        public int Live;
    }

    private static (GraphQLExecutor Executor, Counters Counters) Build(bool immutable)
    {
        var counters = new Counters();
        Item[] items = [new("a", [new("x"), new("y")], null), new("b", [new("z")], null)];
        var builder = new SchemaBuilder();
        var tag = builder.Object<Tag>("Tag");
        tag.Field("label").Type(Types.NonNull(Types.String)).ResolveFrom<Tag>(t => t.Label);
        var item = builder.Object<Item>("Item");
        item.ImmutableValues = immutable;
        item.Field("name").Type(Types.NonNull(Types.String)).ResolveFrom<Item>(i =>
            {
                Interlocked.Increment(ref counters.Names);
                return i.Name;
            })
            .Field("tags").Type(Types.NonNullList(tag)).ResolveFrom<Item>(i => i.Tags)
            .Field("broken").Type(Types.NonNull(Types.String)).ResolveFrom<Item>(i => i.Broken)
            .Field("live").Type(Types.Int).Resolve(_ => Interlocked.Increment(ref counters.Live));
        builder.Query.Field("items").Type(Types.NonNullList(item)).Resolve(_ => items);
        return (new GraphQLExecutor(builder.Build()), counters);
    }

    [Test]
    public async Task ShouldReuseTheSelectionOfTheSameValuesAndAnswerTheSame()
    {
        var (executor, counters) = Build(immutable: true);
        const string Expected = """{"data":{"items":[{"name":"a","tags":[{"label":"x"},{"label":"y"}]},{"name":"b","tags":[{"label":"z"}]}]}}""";

        var first = await executor.RunAsync("{ items { name tags { label } } }");
        var second = await executor.RunAsync("{ items { name tags { label } } }");
        var renamed = await executor.RunAsync("{ items { n: name } }");

        GraphQLTestHelpers.AssertJsonEqual(first, Expected);
        GraphQLTestHelpers.AssertJsonEqual(second, Expected);
        GraphQLTestHelpers.AssertJsonEqual(renamed, """{"data":{"items":[{"n":"a"},{"n":"b"}]}}""");
        Assert.That(counters.Names, Is.EqualTo(4), "2 items on the first request, none on the second, 2 for the other document");
    }

    [Test]
    public async Task ShouldNotReuseWhenTheTypeIsNotDeclaredImmutable()
    {
        var (executor, counters) = Build(immutable: false);
        await executor.RunAsync("{ items { name } }");
        await executor.RunAsync("{ items { name } }");
        Assert.That(counters.Names, Is.EqualTo(4));
    }

    [Test]
    public async Task ShouldNotReuseASelectionThatReachesAResolver()
    {
        var (executor, counters) = Build(immutable: true);
        var first = await executor.RunAsync("{ items { name live } }");
        var second = await executor.RunAsync("{ items { name live } }");
        Assert.That(counters.Live, Is.EqualTo(4));
        Assert.That(counters.Names, Is.EqualTo(4));
        Assert.That(second["data"]!["items"]![1]!["live"]!.GetValue<int>(), Is.GreaterThan(first["data"]!["items"]![1]!["live"]!.GetValue<int>()));
    }

    [Test]
    public async Task ShouldNotReuseASelectionThatRaisedAnError()
    {
        var (executor, counters) = Build(immutable: true);
        var first = await executor.RunAsync("{ items { name broken } }");
        var second = await executor.RunAsync("{ items { name broken } }");
        Assert.That(first["errors"]!.AsArray(), Is.Not.Empty, first.ToJsonString());
        Assert.That(second["errors"]!.AsArray(), Has.Count.EqualTo(first["errors"]!.AsArray().Count), "the errors are raised again, not replayed from a cache");
        Assert.That(counters.Names, Is.EqualTo(4));
    }
}
