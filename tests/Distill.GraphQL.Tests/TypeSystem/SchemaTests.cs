using Distill.GraphQL.TypeSystem;

namespace Distill.GraphQL.Tests.TypeSystem;

public sealed class SchemaTests
{
    [Test]
    public void ShouldPrintTheSchemaAsTheCommittedSdl()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TypeSystem", "library-schema.graphql");
        var expected = File.Exists(path) ? File.ReadAllText(path) : string.Empty;

        var actual = new TestSchema().Schema.ToSdl();

        if (actual != expected)
        {
            // When the change is intended, review this file and copy it over tests/Distill.GraphQL.Tests/TypeSystem/library-schema.graphql.
            File.WriteAllText(Path.Combine(TestContext.CurrentContext.WorkDirectory, "library-schema.actual.graphql"), actual);
        }

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void ShouldRejectAnObjectThatDoesNotImplementItsInterface()
    {
        var builder = new SchemaBuilder();
        var node = builder.Interface("Node");
        node.Field("id").Type(Types.NonNull(Types.ID)).Argument("format", Types.String);
        var thing = builder.Object("Thing");
        thing.Implements(node);
        thing.Field("name").Type(Types.String);
        var other = builder.Object("Other");
        other.Implements(node);
        other.Field("id").Type(Types.String).Argument("format", Types.Int);
        builder.Query.Field("thing").Type(thing).Field("other").Type(other);

        var error = Assert.Throws<SchemaValidationException>(() => builder.Build())!;

        Assert.That(error.Errors, Is.EquivalentTo(new[]
        {
            "Interface field Node.id expected but Thing does not provide it.",
            "Interface field Node.id expects type ID! but Other.id is type String.",
            "Interface field argument Node.id(format:) expects type String but Other.id(format:) is type Int.",
        }));
    }

    [Test]
    public void ShouldRejectTypeSystemRuleViolations()
    {
        var builder = new SchemaBuilder();
        var empty = builder.Object("Empty");
        var input = builder.InputObject("Filter").Field("x", Types.Int);
        var union = builder.Union("Mixed").Member(Types.String);
        builder.Query.Field("empty").Type(empty)
            .Field("__reserved").Type(Types.String)
            .Field("filter").Type(input)
            .Field("mixed").Type(union)
            .Field("bad").Type(Types.String).Argument("arg", empty)
            .Field("missing").Type(Types.Named("Nowhere"));

        var error = Assert.Throws<SchemaValidationException>(() => builder.Build())!;

        Assert.That(error.Errors, Is.EqualTo(new[] { "Unknown type \"Nowhere\" referenced with Types.Named." }));

        builder.Query.Field("missing").Type(Types.String);
        error = Assert.Throws<SchemaValidationException>(() => builder.Build())!;

        Assert.That(error.Errors, Is.EquivalentTo(new[]
        {
            "Name \"Query.__reserved\" must not begin with \"__\", which is reserved by GraphQL introspection.",
            "The type of Query.filter must be Output Type but got: Filter.",
            "The type of Query.bad(arg:) must be Input Type but got: Empty.",
            "Type Empty must define one or more fields.",
            "Union type Mixed can only include Object types, it cannot include String.",
        }));
    }

    [Test]
    public void ShouldRejectTwoTypesWithOneName()
    {
        var builder = new SchemaBuilder();
        builder.Query.Field("a").Type(new ObjectType("Twin") { Description = "one" })
            .Field("b").Type(new ObjectType("Twin") { Description = "two" });

        var error = Assert.Throws<SchemaValidationException>(() => builder.Build())!;

        Assert.That(error.Errors, Does.Contain("Schema must contain uniquely named types but contains multiple types named \"Twin\"."));
    }

    [Test]
    public void ShouldRejectNonNullInputCycles()
    {
        var builder = new SchemaBuilder();
        var a = builder.InputObject("A");
        var b = builder.InputObject("B").Field("a", Types.NonNull(a));
        a.Field("b", Types.NonNull(b));
        builder.Query.Field("q").Type(Types.String).Argument("a", a);

        var error = Assert.Throws<SchemaValidationException>(() => builder.Build())!;

        Assert.That(error.Errors, Does.Contain("Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"b.a\"."));
    }
}
