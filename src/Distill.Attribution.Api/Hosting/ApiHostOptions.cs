using Distill.Attribution.Embedding.Stores;

namespace Distill.Attribution.Api.Hosting;

/// <summary>Options of <c>distill serve</c>.</summary>
public sealed class ApiHostOptions
{
    /// <summary>Path of the embedded store file (with <see cref="Stores"/> set, its <see cref="StoreSettings.Path"/>).</summary>
    public string StorePath { get; set; } = "./distill.db";

    /// <summary>
    /// The stores the API serves (<see cref="StoreSettings.Read"/> from the section <c>Distill:Store</c>, <c>Distill:Neo4j</c>);
    /// null: the SQLite file at <see cref="StorePath"/>. Composed by <c>AddAttributionStores</c>, the one root of both hosts.
    /// </summary>
    public StoreSettings? Stores { get; set; }

    /// <summary>Where <c>requestEvidencePack</c> writes packs; default <c>&lt;store&gt;.packs</c>.</summary>
    public string? EvidencePackDirectory { get; set; }

    /// <summary>Where to listen.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Folder of the built GraphiQL page (default: <c>graphiql/</c> next to the binaries).</summary>
    public string GraphiQLDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "graphiql");

    /// <summary>
    /// Sustained requests per second one client may send (a client is its API key when it presents one, else its
    /// address); more are answered 429 before any work. The load test drives one key at 200 req/s.
    /// </summary>
    public int RequestsPerSecondPerClient { get; set; } = 400;

    /// <summary>Requests one client may send at once above its sustained rate.</summary>
    public int RequestBurstPerClient { get; set; } = 800;

    /// <summary>Sustained requests per second from one address, whatever keys it presents.</summary>
    public int RequestsPerSecondPerAddress { get; set; } = 1000;

    /// <summary>Requests without a valid key per second from one address that are answered 401 (and audited); more get 429.</summary>
    public int FailedAuthenticationsPerSecond { get; set; } = 5;

    /// <summary>Burst of <see cref="FailedAuthenticationsPerSecond"/>.</summary>
    public int FailedAuthenticationBurst { get; set; } = 20;

    /// <summary>Folder of the built investigator workbench served at <c>/</c> (default: <c>workbench/</c> next to the binaries).</summary>
    public string WorkbenchDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "workbench");

    /// <summary>How often the alert feed looks for alerts written by <c>distill watch</c> / <c>replay</c> (alertRaised subscriptions).</summary>
    public TimeSpan AlertPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Open subscriptions (event streams) one API key may hold; more are answered 429 SUBSCRIPTION_LIMIT.</summary>
    public int MaxSubscriptionsPerKey { get; set; } = 8;

    /// <summary>Open subscriptions on the whole server.</summary>
    public int MaxSubscriptions { get; set; } = 200;

    /// <summary>An idle subscription gets a keep-alive comment this often.</summary>
    public TimeSpan SubscriptionKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Longest a subscription stays open before it completes and the client subscribes again: the API key is checked
    /// when a subscription opens, so this bounds how long a revoked key keeps receiving alerts.
    /// </summary>
    public TimeSpan SubscriptionMaxLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
