// Every relationship with its type, properties and the natural keys of its end nodes (contract tests only).
MATCH (a)-[r]->(b)
RETURN type(r) AS type,
       properties(r) AS properties,
       coalesce(a.accountId, a.fingerprint, a.address, a.sessionKey, a.requestId, a.name, a.operatorId, a.indicatorKey, a.runId, a.clusterId) AS fromKey,
       coalesce(b.accountId, b.fingerprint, b.address, b.sessionKey, b.requestId, b.name, b.operatorId, b.indicatorKey, b.runId, b.clusterId) AS toKey
