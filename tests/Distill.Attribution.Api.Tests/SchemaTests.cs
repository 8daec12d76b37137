namespace Distill.Attribution.Api.Tests;

/// <summary>The schema is a contract for internal tooling: any change must show up as a diff of schema.graphql.</summary>
public sealed class SchemaTests
{
    private static string SchemaFile => Path.Combine(TestContext.CurrentContext.TestDirectory, "schema.graphql");

    [Test]
    public void ShouldMatchTheCommittedSdl()
    {
        var actual = ApiSchema.PrintSdl().ReplaceLineEndings("\n");
        var expected = File.Exists(SchemaFile) ? File.ReadAllText(SchemaFile).ReplaceLineEndings("\n") : "";
        if (actual != expected)
        {
            // Left next to the test binaries so a deliberate change can be copied over the committed file.
            File.WriteAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "schema.actual.graphql"), actual);
        }

        Assert.That(actual, Is.EqualTo(expected), "Regenerate src/Distill.Attribution.Api/schema.graphql if the change is intended.");
    }

    [Test]
    public void ShouldKeepTheContractFieldNames()
    {
        var sdl = ApiSchema.PrintSdl();
        foreach (var name in new[]
        {
            "clusters(", "cluster(id: ID!)", "account(id: ID!)", "lookup(", "operators(", "runs(", "runDetection(", "recordVerdict(",
            "overrideOperator(", "requestEvidencePack(", "evidenceChains(", "members(", "matchedIndicators", "totalCount", "pageInfo",
        })
        {
            Assert.That(sdl, Does.Contain(name));
        }
    }
}
