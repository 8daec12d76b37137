using Distill.Attribution.Neo4j;
using Microsoft.Extensions.Configuration;

namespace Distill.Attribution.Embedding.Stores;

/// <summary>
/// Which stores a host uses, read from configuration by <see cref="Read"/>:
/// <list type="table">
/// <item><term><c>Distill:Store:Kind</c></term><description><c>sqlite</c> or <c>neo4j</c> (required): where the graph lives.</description></item>
/// <item><term><c>Distill:Store:Path</c></term><description>the SQLite file (default <c>./distill.db</c>): the graph under <c>sqlite</c>; runs, keys, audit and cases under both.</description></item>
/// <item><term><c>Distill:Neo4j:Uri</c></term><description>the HTTP Query API address (required under <c>neo4j</c>), e.g. <c>http://localhost:7474</c>.</description></item>
/// <item><term><c>Distill:Neo4j:User</c>, <c>Distill:Neo4j:Database</c></term><description>user (none: no authentication) and database (default <c>neo4j</c>).</description></item>
/// <item><term><c>Distill:Neo4j:PasswordFile</c> or <c>Distill:Neo4j:Password</c></term><description>the password, preferably from a file (a secret mount); never logged or printed.</description></item>
/// </list>
/// </summary>
public sealed class StoreSettings
{
    /// <summary>Where the graph lives.</summary>
    public const string KindKey = "Distill:Store:Kind";

    /// <summary>The SQLite file.</summary>
    public const string PathKey = "Distill:Store:Path";

    /// <summary>Neo4j's HTTP address.</summary>
    public const string Neo4jUriKey = "Distill:Neo4j:Uri";

    /// <summary>Neo4j user.</summary>
    public const string Neo4jUserKey = "Distill:Neo4j:User";

    /// <summary>Neo4j password (prefer <see cref="Neo4jPasswordFileKey"/>).</summary>
    public const string Neo4jPasswordKey = "Distill:Neo4j:Password";

    /// <summary>A file holding the Neo4j password (trailing line breaks are ignored).</summary>
    public const string Neo4jPasswordFileKey = "Distill:Neo4j:PasswordFile";

    /// <summary>Neo4j database.</summary>
    public const string Neo4jDatabaseKey = "Distill:Neo4j:Database";

    /// <summary>The default SQLite file.</summary>
    public const string DefaultPath = "./distill.db";

    /// <summary>Where the graph lives.</summary>
    public required StoreKind Kind { get; init; }

    /// <summary>The SQLite file: the graph under <see cref="StoreKind.Sqlite"/>, the service's own records under both kinds.</summary>
    public string Path { get; init; } = DefaultPath;

    /// <summary>How to reach Neo4j; set exactly when <see cref="Kind"/> is <see cref="StoreKind.Neo4j"/>.</summary>
    public Neo4jOptions? Neo4j { get; init; }

    /// <summary>The embedded store at <paramref name="path"/>.</summary>
    public static StoreSettings Sqlite(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new StoreSettings { Kind = StoreKind.Sqlite, Path = path };
    }

    /// <summary>The graph on Neo4j (<paramref name="neo4j"/>), the service's own records in the SQLite file at <paramref name="path"/>.</summary>
    public static StoreSettings OnNeo4j(Neo4jOptions neo4j, string path = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(neo4j);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new StoreSettings { Kind = StoreKind.Neo4j, Path = path, Neo4j = neo4j };
    }

    /// <summary>
    /// Reads the keys listed on <see cref="StoreSettings"/>. Throws <see cref="StoreConfigurationException"/> naming the
    /// key when <c>Distill:Store:Kind</c> is missing or neither <c>sqlite</c> nor <c>neo4j</c>, or when Neo4j is chosen
    /// without a valid <c>Distill:Neo4j:Uri</c> or with an unreadable password file.
    /// </summary>
    public static StoreSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[PathKey] is { Length: > 0 } configured ? configured : DefaultPath;
        return configuration[KindKey]?.Trim().ToUpperInvariant() switch
        {
            null or "" => throw new StoreConfigurationException(KindKey, "not set: expected sqlite (the embedded file at Distill:Store:Path) or neo4j (Distill:Neo4j:Uri)"),
            "SQLITE" => Sqlite(path),
            "NEO4J" => OnNeo4j(ReadNeo4j(configuration), path),
            _ => throw new StoreConfigurationException(KindKey, $"'{configuration[KindKey]}' is not a store: expected sqlite or neo4j"),
        };
    }

    /// <summary>Names the stores without any credential.</summary>
    public override string ToString() =>
        Kind == StoreKind.Neo4j ? $"neo4j {Neo4j} (runs, keys, audit and cases in {Path})" : $"sqlite {Path}";

    private static Neo4jOptions ReadNeo4j(IConfiguration configuration)
    {
        if (configuration[Neo4jUriKey] is not { Length: > 0 } uri)
        {
            throw new StoreConfigurationException(Neo4jUriKey, "not set: the neo4j store needs the server's HTTP address, e.g. http://localhost:7474");
        }

        Uri baseUri;
        try
        {
            baseUri = Neo4jOptions.ParseBaseUri(uri);
        }
        catch (Neo4jException e)
        {
            throw new StoreConfigurationException(Neo4jUriKey, e.Message, e);
        }

        var password = configuration[Neo4jPasswordKey];
        if (configuration[Neo4jPasswordFileKey] is { Length: > 0 } file)
        {
            try
            {
                password = File.ReadAllText(file).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The file's name may be printed; its content never is.
                throw new StoreConfigurationException(Neo4jPasswordFileKey, $"cannot read '{file}' ({e.GetType().Name})", e);
            }
        }

        return new Neo4jOptions
        {
            BaseUri = baseUri,
            User = configuration[Neo4jUserKey] is { Length: > 0 } user ? user : null,
            Password = password,
            Database = configuration[Neo4jDatabaseKey] is { Length: > 0 } database ? database : "neo4j",
        };
    }
}
