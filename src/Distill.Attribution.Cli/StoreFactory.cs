using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.Cli;

/// <summary>
/// The one place where the CLI opens a store from <c>--store</c> / <c>--neo4j</c>; verbs call it and never
/// construct a store themselves.
/// </summary>
internal static class StoreFactory
{
    /// <summary>Opens (and migrates) the embedded store at <paramref name="path"/>.</summary>
    public static Task<IGraphStore> OpenAsync(string path, CancellationToken ct) =>
        throw new NotSupportedException($"The embedded store at '{path}' is not wired yet ({ct.IsCancellationRequested}).");
}
