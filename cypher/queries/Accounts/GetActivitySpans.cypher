// First and last request time (Unix milliseconds) of every account that made requests, for the API's
// time filters. Reads every request once; the API caches the answer per run.
MATCH (a:Account)-[:MADE]->(r:Request)
WITH a.accountId AS accountId, min(r.ts.epochMillis) AS firstMs, max(r.ts.epochMillis) AS lastMs
RETURN accountId, firstMs, lastMs
