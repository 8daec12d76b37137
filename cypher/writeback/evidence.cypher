// One batch of evidence links of run $runId between two accounts: the rule that made the link, its
// weight, the cluster it supports and its provenance (record ids, timestamps, values as JSON text).
UNWIND $rows AS row
MATCH (a:Account {accountId: row.fromAccountId})
MATCH (b:Account {accountId: row.toAccountId})
MERGE (a)-[e:EVIDENCE {runId: $runId, rule: row.rule}]->(b)
SET e.weight = row.weight,
    e.clusterId = row.clusterId,
    e.provenance = row.provenance
RETURN count(e) AS written
