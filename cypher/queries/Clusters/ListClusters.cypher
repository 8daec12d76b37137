// One page of the clusters of run $runId, riskiest first, with the suspected operator if any.
MATCH (:Run {runId: $runId})-[h:HAS_CLUSTER]->(c:Cluster)
OPTIONAL MATCH (c)-[t:ATTRIBUTED_TO {runId: $runId}]->(o:Operator)
RETURN c.clusterId AS clusterId,
       h.riskScore AS riskScore,
       h.flagged AS flagged,
       h.size AS size,
       o.operatorId AS operatorId,
       o.name AS operatorName,
       t.confidence AS confidence
ORDER BY riskScore DESC, clusterId ASC
SKIP $skip
LIMIT $limit
