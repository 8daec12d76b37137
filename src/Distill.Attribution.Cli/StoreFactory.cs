using System.CommandLine;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Cli.Verbs;
using Distill.Attribution.Neo4j;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Runs;

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
    /// Opens the graph store the global options name: Neo4j when <c>--neo4j URI</c> is given (credentials from
    /// the environment), else the embedded store at <c>--store</c>. Throws <see cref="StoreUnavailableException"/>
    /// (exit code 2) when it cannot be opened or reached.
    /// </summary>
    public static async Task<IGraphStore> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (VerbStores.Neo4jUri(parse) is { } uri)
        {
            return await OpenNeo4jAsync(uri, ct);
        }

        var path = VerbStores.StorePath(parse);
        try
        {
            return await OpenAsync(path, ct);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw new StoreUnavailableException($"Cannot open the store at '{path}': {e.Message}", e);
        }
    }

    /// <summary>
    /// The run store: always the SQLite file at <c>--store</c>, also when the graph lives in Neo4j (runs are
    /// the service's own records; the Neo4j store has no run store yet). Opened lazily, migrated on first use.
    /// </summary>
    public static IRunStore OpenRunStore(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return SqliteRunStore.Open(VerbStores.StorePath(parse));
    }

    /// <summary>
    /// The run store for a command that saves runs into <paramref name="graph"/>'s deployment: the SQLite run store,
    /// which on Neo4j also writes every saved run back into the graph (<see cref="Neo4jWriteBackRunStore"/>).
    /// </summary>
    public static IRunStore OpenRunStore(ParseResult parse, IGraphStore graph) =>
        graph is Neo4jGraphStore neo4j ? new Neo4jWriteBackRunStore(OpenRunStore(parse), neo4j.Runs) : OpenRunStore(parse);

    /// <summary>
    /// The Neo4j store when <c>--neo4j URI</c> is given (opened and checked as <see cref="OpenAsync(ParseResult, CancellationToken)"/>
    /// does), else null: the command then reads the embedded store at <c>--store</c>.
    /// </summary>
    public static async Task<Neo4jGraphStore?> OpenNeo4jIfNamedAsync(ParseResult parse, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return VerbStores.Neo4jUri(parse) is { } uri ? await OpenNeo4jAsync(uri, ct) : null;
    }

    private static async Task<Neo4jGraphStore> OpenNeo4jAsync(string uri, CancellationToken ct)
    {
        Neo4jGraphStore store;
        try
        {
            store = Neo4jGraphStore.FromEnvironment(uri);
        }
        catch (Exception e) when (e is Neo4jException or ArgumentException or FormatException)
        {
            throw new StoreUnavailableException($"Cannot use the Neo4j store at '{uri}': {e.Message}", e);
        }

        try
        {
            // Schema statements are IF NOT EXISTS: applying them is the cheapest call that proves the server
            // is reachable and the credentials work, before any long work starts.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await store.MigrateAsync(timeout.Token);
            return store;
        }
#pragma warning disable CA1031 // Whatever stops the first call (DNS, refused, 401, timeout) means the store is unavailable.
        catch (Exception e) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            await store.DisposeAsync();
            throw new StoreUnavailableException($"Cannot reach the Neo4j store at '{uri}': {e.Message}", e);
        }
    }
}
