// One batch of attributions of run $runId: a cluster ATTRIBUTED_TO an operator with a confidence and the
// indicator keys that matched, or (no indicator reaching it) the attributed cluster whose shared infrastructure named it.
UNWIND $rows AS row
MATCH (c:Cluster {clusterId: row.clusterId})
MERGE (o:Operator {operatorId: row.operatorId})
MERGE (c)-[t:ATTRIBUTED_TO {runId: $runId}]->(o)
SET t.confidence = row.confidence,
    t.matchedIndicators = row.matchedIndicators,
    t.throughCluster = row.throughCluster
RETURN count(t) AS written
