// The request rows with the store row ids in $rowIds, as ingested.
UNWIND $rowIds AS rowId
MATCH (r:Request {rowId: rowId})
RETURN rowId,
       r.requestId AS requestId,
       r.accountId AS accountId,
       r.ts.epochMillis AS tsMs,
       r.model AS model,
       r.capability AS capability,
       r.promptFingerprint AS promptFingerprint,
       r.ip AS ip,
       r.client AS client,
       r.inputTokens AS inputTokens,
       r.outputTokens AS outputTokens
