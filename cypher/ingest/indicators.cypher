// One batch of operator indicators ($rows, de-duplicated by the client on indicatorKey = operatorId,
// kind, value; first row wins). Nodes first (operator, indicator), then the relationship. An indicator
// already present changes nothing. Returns how many indicators the batch added.
UNWIND $rows AS row
OPTIONAL MATCH (existing:Indicator {indicatorKey: row.indicatorKey})
WITH row, existing IS NULL AS isNew
MERGE (o:Operator {operatorId: row.operatorId})
SET o.name = coalesce(o.name, row.operatorName)
MERGE (i:Indicator {indicatorKey: row.indicatorKey})
  ON CREATE SET i.operatorId = row.operatorId,
                i.operatorName = row.operatorName,
                i.kind = row.kind,
                i.value = row.value,
                i.confidence = row.confidence,
                i.source = row.source
MERGE (i)-[:INDICATES]->(o)
RETURN count(CASE WHEN isNew THEN 1 END) AS created
