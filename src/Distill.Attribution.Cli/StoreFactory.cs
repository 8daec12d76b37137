using System.CommandLine;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Cli.Verbs;
using Distill.Attribution.Infrastructure.Sqlite;

namespace Distill.Attribution.Cli;

/// <summary>
/// The one place where the CLI opens a store from <c>--store</c> / <c>--neo4j</c>; verbs call it and never
/// construct a store themselves.
/// </summary>
internal static class StoreFactory
{
    /// <summary>Opens (and migrates) the embedded store at <paramref name="path"/>.</summary>
    public static async Task<IGraphStore> OpenAsync(string path, CancellationToken ct) =>
        await SqliteGraphStore.OpenAsync(path, ct);

    /// <summary>
    /// Opens the store the global options name. Throws <see cref="StoreUnavailableException"/> (exit code 2)
    /// when it cannot be opened.
    /// </summary>
    public static async Task<IGraphStore> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(GlobalOptions.Neo4j) is { Length: > 0 } uri)
        {
            throw new StoreUnavailableException($"The Neo4j store ({uri}) is not available yet; use --store PATH for the embedded store.");
        }

        var path = parse.GetValue(GlobalOptions.Store) ?? "./distill.db";
        try
        {
            return await OpenAsync(path, ct);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw new StoreUnavailableException($"Cannot open the store at '{path}': {e.Message}", e);
        }
    }
}
