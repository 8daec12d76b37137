// Requests of the accounts in $accountIds. The client sorts each account's rows by (ts, requestId in
// ordinal order), so the server's row order does not matter.
UNWIND $accountIds AS accountId
MATCH (:Account {accountId: accountId})-[:MADE]->(r:Request)
RETURN accountId,
       r.rowId AS rowId,
       r.requestId AS requestId,
       r.ts.epochMillis AS tsMs,
       r.model AS model,
       r.capability AS capability,
       r.promptFingerprint AS promptFingerprint,
       r.ip AS ip,
       r.client AS client,
       r.inputTokens AS inputTokens,
       r.outputTokens AS outputTokens
