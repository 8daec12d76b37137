namespace Distill.Attribution.Embedding.Stores;

/// <summary>
/// What a host needs of the stores besides the graph, so that a command opens nothing more than it uses. The graph
/// side (graph, ingest and snapshot stores, the run store, Leiden, the ingest files) is always registered.
/// </summary>
[Flags]
public enum StoreParts
{
    /// <summary>The graph side only.</summary>
    Graph = 0,

    /// <summary>API keys and audit trail, cases, alerts, the account and cluster-graph read models, and the readiness checks.</summary>
    Investigation = 1,

    /// <summary>What an evidence pack reads: cited source records, the cluster's full traffic, the verdict tally.</summary>
    PackSources = 2,
}
