using System.CommandLine;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Cli.Verbs;
using Distill.Attribution.Embedding.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Cli;

/// <summary>
/// Where the command line's <c>--store</c> / <c>--neo4j</c> become the configuration the composition root reads
/// (<see cref="Settings"/>, decision D21), and where a verb opens the graph store its container holds before long work
/// starts (<see cref="OpenAsync"/>). Verbs never construct or register a store themselves.
/// </summary>
internal static class StoreFactory
{
    /// <summary>
    /// The stores the global options name, read through <see cref="StoreSettings.Read"/>: <c>--store</c> is
    /// <c>Distill:Store:Path</c>; <c>--neo4j URI</c> sets <c>Distill:Store:Kind = neo4j</c> and <c>Distill:Neo4j:Uri</c> (else
    /// <c>sqlite</c>), with <c>NEO4J_USER</c>, <c>NEO4J_PASSWORD</c>, <c>NEO4J_DATABASE</c> as <c>Distill:Neo4j:User</c>,
    /// <c>:Password</c>, <c>:Database</c>. Throws <see cref="StoreUnavailableException"/> (exit code 2) for a Neo4j address
    /// that cannot be used.
    /// </summary>
    public static StoreSettings Settings(ParseResult parse, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        environment ??= Environment.GetEnvironmentVariable;
        var uri = VerbStores.Neo4jUri(parse);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [StoreSettings.KindKey] = uri is null ? "sqlite" : "neo4j",
            [StoreSettings.PathKey] = VerbStores.StorePath(parse),
        };
        if (uri is not null)
        {
            values[StoreSettings.Neo4jUriKey] = uri;
            values[StoreSettings.Neo4jUserKey] = environment("NEO4J_USER");
            values[StoreSettings.Neo4jPasswordKey] = environment("NEO4J_PASSWORD");
            values[StoreSettings.Neo4jDatabaseKey] = environment("NEO4J_DATABASE");
        }

        try
        {
            return StoreSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        }
        catch (StoreConfigurationException e)
        {
            throw new StoreUnavailableException($"Cannot use the Neo4j store at '{uri}': {e.Reason}", e);
        }
    }

    /// <summary>
    /// Opens (and migrates) the graph store of <paramref name="services"/>: the SQLite file, or Neo4j, whose schema
    /// statements (all <c>IF NOT EXISTS</c>) are the cheapest call that proves the server is reachable and the credentials
    /// work. Throws <see cref="StoreUnavailableException"/> (exit code 2) when it cannot be opened or reached within 30 s.
    /// The container owns the store and disposes it.
    /// </summary>
    public static async Task<IGraphStore> OpenAsync(IServiceProvider services, ParseResult parse, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(parse);
        var store = services.GetRequiredService<IGraphStore>();
        if (VerbStores.Neo4jUri(parse) is not { } uri)
        {
            try
            {
                await store.MigrateAsync(ct);
                return store;
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                throw new StoreUnavailableException($"Cannot open the store at '{VerbStores.StorePath(parse)}': {e.Message}", e);
            }
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await store.MigrateAsync(timeout.Token);
            return store;
        }
#pragma warning disable CA1031 // Whatever stops the first call (DNS, refused, 401, timeout) means the store is unavailable.
        catch (Exception e) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            throw new StoreUnavailableException($"Cannot reach the Neo4j store at '{uri}': {e.Message}", e);
        }
    }
}
