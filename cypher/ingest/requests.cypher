// One batch of requests ($rows, de-duplicated by the client on requestId, first row wins). A request
// already present changes nothing (not even its account). New requests get rowId = $firstRowId +
// row.offset from the range reserved by reserve-row-ids.cypher in the same transaction.
// Attributes are properties of the request node (no IP/model relationships): 16M+ rows per run make
// every extra relationship expensive, and the projection reads them as columns anyway.
// Returns how many requests the batch added.
UNWIND $rows AS row
OPTIONAL MATCH (existing:Request {requestId: row.requestId})
WITH row, existing IS NULL AS isNew
MERGE (a:Account {accountId: row.accountId})
MERGE (r:Request {requestId: row.requestId})
  ON CREATE SET r.rowId = $firstRowId + row.offset,
                r.accountId = row.accountId,
                r.ts = datetime(row.ts),
                r.model = row.model,
                r.capability = row.capability,
                r.promptFingerprint = row.promptFingerprint,
                r.ip = row.ip,
                r.client = row.client,
                r.inputTokens = row.inputTokens,
                r.outputTokens = row.outputTokens
FOREACH (ignored IN CASE WHEN isNew THEN [1] ELSE [] END | CREATE (a)-[:MADE]->(r))
RETURN count(CASE WHEN isNew THEN 1 END) AS created
