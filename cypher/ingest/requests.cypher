// One batch of requests ($rows, de-duplicated by the client on requestId, first row wins). A request
// already present changes nothing: not its attributes, and no account node is created for the ignored
// row. New requests get rowId = $firstRowId + row.offset from the range reserved by
// reserve-row-ids.cypher in the same transaction. Attributes are properties of the request node (no
// IP/model relationships): 16M+ rows make every extra relationship expensive, and the projection reads
// them as columns anyway. Returns how many requests the batch added.
UNWIND $rows AS row
OPTIONAL MATCH (existing:Request {requestId: row.requestId})
WITH row, existing IS NULL AS isNew
FOREACH (ignored IN CASE WHEN isNew THEN [1] ELSE [] END |
  MERGE (a:Account {accountId: row.accountId})
  CREATE (a)-[:MADE]->(:Request {
    requestId: row.requestId,
    rowId: $firstRowId + row.offset,
    accountId: row.accountId,
    ts: datetime(row.ts),
    model: row.model,
    capability: row.capability,
    promptFingerprint: row.promptFingerprint,
    ip: row.ip,
    client: row.client,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens
  }))
RETURN count(CASE WHEN isNew THEN 1 END) AS created
