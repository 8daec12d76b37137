namespace Distill.Attribution.Neo4j;

/// <summary>
/// The Cypher statements the Neo4j store runs, by their path under <c>cypher/</c> (one statement per
/// file, embedded as resources). Code names a file only through these constants, and a test checks that
/// every constant names an embedded file, every file is named here (or lies under <see cref="SchemaFolder"/>,
/// which runs whole) and every constant is used.
/// </summary>
internal static class CypherFiles
{
    /// <summary>Constraints, indexes and the request sequence, run in file-name order by MigrateAsync.</summary>
    public const string SchemaFolder = "schema/";

    /// <summary>The schema file that creates the request row-id sequence; it takes <c>$name</c>.</summary>
    public const string RequestSequence = "schema/0100-request-sequence.cypher";

    public const string IngestAccounts = "ingest/accounts.cypher";
    public const string IngestPayments = "ingest/payments.cypher";
    public const string IngestSessions = "ingest/sessions.cypher";
    public const string IngestRequests = "ingest/requests.cypher";
    public const string IngestReleases = "ingest/releases.cypher";
    public const string IngestIndicators = "ingest/indicators.cypher";
    public const string ReserveRowIds = "ingest/reserve-row-ids.cypher";

    public const string ProjectAccounts = "projection/accounts.cypher";
    public const string ProjectPayments = "projection/payments.cypher";
    public const string ProjectSessions = "projection/sessions.cypher";
    public const string ProjectRequests = "projection/requests.cypher";
    public const string ProjectRequestsOfAccount = "projection/requests-of-account.cypher";
    public const string ProjectReleases = "projection/releases.cypher";
    public const string ProjectIndicators = "projection/indicators.cypher";
    public const string ResolveRequestIds = "projection/request-ids.cypher";

    public const string WriteRun = "writeback/run.cypher";
    public const string WriteClusters = "writeback/clusters.cypher";
    public const string WriteMemberships = "writeback/memberships.cypher";
    public const string WriteAttributions = "writeback/attributions.cypher";
    public const string WriteEvidence = "writeback/evidence.cypher";

    public const string GetStats = "queries/Stats/GetStats.cypher";
    public const string Ping = "queries/Health/Ping.cypher";
    public const string GetLatestRun = "queries/Runs/GetLatestRun.cypher";
    public const string ListClusters = "queries/Clusters/ListClusters.cypher";
    public const string GetClusterDetail = "queries/Clusters/GetClusterDetail.cypher";
    public const string GetClusterEvidence = "queries/Clusters/GetClusterEvidence.cypher";
    public const string GetClusterForAccount = "queries/Clusters/GetClusterForAccount.cypher";
    public const string GetAccount = "queries/Accounts/GetAccount.cypher";
    public const string FindAccountsByIdentifier = "queries/Lookup/FindAccountsByIdentifier.cypher";

    public const string GetAccountProfiles = "queries/Accounts/GetAccountProfiles.cypher";
    public const string GetRequestTotals = "queries/Accounts/GetRequestTotals.cypher";
    public const string GetRequestBreakdown = "queries/Accounts/GetRequestBreakdown.cypher";
    public const string GetActivitySpans = "queries/Accounts/GetActivitySpans.cypher";
    public const string GetActivity = "queries/Accounts/GetActivity.cypher";
    public const string FindAccountsByIp = "queries/Lookup/FindAccountsByIp.cypher";
    public const string FindAccountsByInstrument = "queries/Lookup/FindAccountsByInstrument.cypher";
    public const string FindAccountsByEmailDomain = "queries/Lookup/FindAccountsByEmailDomain.cypher";
    public const string FindAccountsByClient = "queries/Lookup/FindAccountsByClient.cypher";
    public const string FindAccountsByPromptFingerprint = "queries/Lookup/FindAccountsByPromptFingerprint.cypher";
    public const string GetSharedInstruments = "queries/Clusters/GetSharedInstruments.cypher";
    public const string GetSharedIps = "queries/Clusters/GetSharedIps.cypher";
    public const string GetSharedAsns = "queries/Clusters/GetSharedAsns.cypher";

    public const string GetAccountRecords = "queries/Sources/GetAccountRecords.cypher";
    public const string GetPaymentRecords = "queries/Sources/GetPaymentRecords.cypher";
    public const string GetSessionRecords = "queries/Sources/GetSessionRecords.cypher";
    public const string GetRequestRecords = "queries/Sources/GetRequestRecords.cypher";

    public const string GdsProjectEvidence = "gds/project-evidence.cypher";
    public const string GdsLeidenStream = "gds/leiden-stream.cypher";
    public const string GdsDropGraph = "gds/drop-graph.cypher";

    /// <summary>Deletes everything (contract tests on a scratch database only).</summary>
    public const string DeleteAll = "maintenance/delete-all.cypher";

    /// <summary>Whole-store dumps for the contract tests' before/after comparisons.</summary>
    public const string DumpNodes = "maintenance/dump-nodes.cypher";

    public const string DumpRelationships = "maintenance/dump-relationships.cypher";
}
