// One batch of operator indicators ($rows, de-duplicated by the client on indicatorKey = operatorId,
// kind, value; the last row wins). Nodes first (operator, indicator), then the relationship. A later row
// updates the operator name, confidence and source. Returns how many indicators the batch added or changed.
UNWIND $rows AS row
OPTIONAL MATCH (e:Indicator {indicatorKey: row.indicatorKey})
WITH row,
     e IS NULL
     OR NOT (coalesce(e.operatorName = row.operatorName, e.operatorName IS NULL AND row.operatorName IS NULL)
             AND e.confidence = row.confidence
             AND coalesce(e.source = row.source, e.source IS NULL AND row.source IS NULL)) AS changed
MERGE (o:Operator {operatorId: row.operatorId})
SET o.name = coalesce(row.operatorName, o.name)
MERGE (i:Indicator {indicatorKey: row.indicatorKey})
SET i.operatorId = row.operatorId,
    i.operatorName = row.operatorName,
    i.kind = row.kind,
    i.value = row.value,
    i.confidence = row.confidence,
    i.source = row.source
MERGE (i)-[:INDICATES]->(o)
RETURN count(CASE WHEN changed THEN 1 END) AS created
