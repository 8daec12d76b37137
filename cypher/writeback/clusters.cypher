// One batch of clusters of run $runId. Cluster nodes keep their stable id across runs; what belongs to
// one run (score, verdict, size, lineage) sits on the run's HAS_CLUSTER relationship.
MATCH (run:Run {runId: $runId})
UNWIND $rows AS row
MERGE (c:Cluster {clusterId: row.clusterId})
MERGE (run)-[h:HAS_CLUSTER]->(c)
SET h.riskScore = row.riskScore,
    h.flagged = row.flagged,
    h.size = row.size,
    h.lineage = row.lineage
RETURN count(h) AS written
