using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Infrastructure.Tests.Contracts;
using Distill.Attribution.Neo4j;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>The shared store contract on a real Neo4j (NEO4J_URI and credentials from the environment).</summary>
[Category("Neo4j")]
[NonParallelizable]
public sealed class Neo4jGraphStoreContractTests : GraphStoreContractTests
{
    protected override async Task<IGraphStore> CreateEmptyStoreAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("NEO4J_URI")))
        {
            Assert.Ignore("NEO4J_URI not set: Neo4j contract tests skipped");
        }

        var store = Neo4jGraphStore.FromEnvironment();
        await store.DeleteAllForTestsAsync(CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    protected override Task<string> DumpAsync(IGraphStore store) =>
        ((Neo4jGraphStore)store).DumpForTestsAsync(CancellationToken.None);
}
