// The evidence links of one cluster of run $runId, strongest first.
MATCH (a:Account)-[e:EVIDENCE {runId: $runId}]->(b:Account)
WHERE e.clusterId = $clusterId
RETURN a.accountId AS fromAccountId,
       b.accountId AS toAccountId,
       e.rule AS rule,
       e.weight AS weight,
       e.provenance AS provenance
ORDER BY weight DESC, fromAccountId ASC, toAccountId ASC, rule ASC
