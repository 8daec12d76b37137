namespace Distill.Attribution.Neo4j;

/// <summary>
/// Where and how to reach Neo4j's HTTP Query API (Neo4j 5.19+, <c>POST /db/{database}/query/v2</c>).
/// Read from <c>NEO4J_URI</c>, <c>NEO4J_USER</c>, <c>NEO4J_PASSWORD</c> and <c>NEO4J_DATABASE</c> by
/// <see cref="FromEnvironment"/>; the password is never logged or echoed (see <see cref="ToString"/>).
/// </summary>
public sealed class Neo4jOptions
{
    /// <summary>Rows per statement when writing or reading in batches (the issue's 10k).</summary>
    public const int DefaultBatchSize = 10_000;

    /// <summary>HTTP base address of the server, e.g. <c>http://localhost:7474</c> (no path).</summary>
    public required Uri BaseUri { get; init; }

    /// <summary>User for basic authentication; null sends no Authorization header (auth disabled).</summary>
    public string? User { get; init; }

    /// <summary>Password for basic authentication.</summary>
    public string? Password { get; init; }

    /// <summary>Database name (default <c>neo4j</c>).</summary>
    public string Database { get; init; } = "neo4j";

    /// <summary>Rows per statement (at most <see cref="DefaultBatchSize"/> by default).</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Attempts per statement or transaction when Neo4j answers with a <c>Neo.TransientError.*</c> code.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>First back-off delay; doubles after every transient failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest back-off delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one HTTP request (a 10k-row batch or a projection page).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Reads the options from the environment. <paramref name="uriOverride"/> (the CLI's <c>--neo4j URI</c>)
    /// wins over <c>NEO4J_URI</c>. The Query API speaks HTTP, so <c>bolt://</c> and <c>neo4j://</c>
    /// addresses are refused with a message that says what to use instead.
    /// </summary>
    public static Neo4jOptions FromEnvironment(string? uriOverride = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var text = string.IsNullOrWhiteSpace(uriOverride) ? environment("NEO4J_URI") : uriOverride;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new Neo4jException(Neo4jException.ConfigurationCode, "No Neo4j address: pass --neo4j URI or set NEO4J_URI (e.g. http://localhost:7474).");
        }

        var baseUri = ParseBaseUri(text);
        var database = environment("NEO4J_DATABASE");
        return new Neo4jOptions
        {
            BaseUri = baseUri,
            User = NullIfEmpty(environment("NEO4J_USER")),
            Password = environment("NEO4J_PASSWORD"),
            Database = string.IsNullOrWhiteSpace(database) ? "neo4j" : database,
        };
    }

    /// <summary>Validates an address and strips any path, query or credentials from it.</summary>
    public static Uri ParseBaseUri(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            throw new Neo4jException(Neo4jException.ConfigurationCode, $"'{text}' is not an absolute URI; expected e.g. http://localhost:7474.");
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw new Neo4jException(
                Neo4jException.ConfigurationCode,
                $"The Neo4j store uses the HTTP Query API, so the URI must be http:// or https:// (port 7474 or 7473 by default), not {uri.Scheme}://.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // Credentials in a URI end up in shell history and logs; they come from NEO4J_USER / NEO4J_PASSWORD.
            throw new Neo4jException(Neo4jException.ConfigurationCode, "Put Neo4j credentials in NEO4J_USER and NEO4J_PASSWORD, not in the URI.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>Describes the target without the password.</summary>
    public override string ToString() => $"{BaseUri}db/{Database} as {User ?? "(no auth)"}";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
