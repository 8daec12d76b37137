using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Infrastructure.Tests.Contracts;
using Distill.Attribution.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite;

/// <summary>The store contract on the embedded SQLite store, each test on fresh temp database files.</summary>
[TestFixture]
public sealed class SqliteGraphStoreContractTests : GraphStoreContractTests
{
    private readonly List<string> paths = [];

    protected override async Task<IGraphStore> CreateEmptyStoreAsync()
    {
        var path = TempDatabase.NewPath();
        paths.Add(path);
        return await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
    }

    protected override Task<string> DumpAsync(IGraphStore store) => Task.FromResult(TempDatabase.Dump(((SqliteGraphStore)store).Path));

    protected override Task CleanUpAsync()
    {
        foreach (var path in paths)
        {
            TempDatabase.Delete(path);
        }

        paths.Clear();
        return Task.CompletedTask;
    }
}
