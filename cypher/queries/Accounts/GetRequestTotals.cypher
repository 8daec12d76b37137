// Request totals of each account in $accountIds that made requests: count, tokens (absent counts as 0),
// first and last request time in Unix milliseconds.
UNWIND $accountIds AS accountId
MATCH (:Account {accountId: accountId})-[:MADE]->(r:Request)
WITH accountId,
     count(r) AS requests,
     sum(coalesce(r.inputTokens, 0)) AS inputTokens,
     sum(coalesce(r.outputTokens, 0)) AS outputTokens,
     min(r.ts.epochMillis) AS firstMs,
     max(r.ts.epochMillis) AS lastMs
RETURN accountId, requests, inputTokens, outputTokens, firstMs, lastMs
