// The cluster an account belongs to in run $runId (no row when it is in none).
MATCH (:Account {accountId: $accountId})-[:IN_CLUSTER {runId: $runId}]->(c:Cluster)
MATCH (:Run {runId: $runId})-[h:HAS_CLUSTER]->(c)
RETURN c.clusterId AS clusterId, h.riskScore AS riskScore, h.flagged AS flagged
