// One batch of cluster memberships of run $runId: IN_CLUSTER carries the run id, so the membership of
// every run stays queryable.
UNWIND $rows AS row
MATCH (a:Account {accountId: row.accountId})
MATCH (c:Cluster {clusterId: row.clusterId})
MERGE (a)-[m:IN_CLUSTER {runId: $runId}]->(c)
RETURN count(m) AS written
