// One cluster of run $runId: its verdict, its operator and its members in ordinal order.
MATCH (:Run {runId: $runId})-[h:HAS_CLUSTER]->(c:Cluster {clusterId: $clusterId})
OPTIONAL MATCH (c)-[t:ATTRIBUTED_TO {runId: $runId}]->(o:Operator)
RETURN c.clusterId AS clusterId,
       h.riskScore AS riskScore,
       h.flagged AS flagged,
       h.lineage AS lineage,
       o.operatorId AS operatorId,
       o.name AS operatorName,
       t.confidence AS confidence,
       t.matchedIndicators AS matchedIndicators,
       COLLECT { MATCH (a:Account)-[:IN_CLUSTER {runId: $runId}]->(c) RETURN a.accountId ORDER BY a.accountId } AS members
