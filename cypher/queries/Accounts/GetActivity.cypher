// Requests of the accounts in $accountIds per time bucket of $bucketMs milliseconds (bucket start in Unix
// milliseconds), model and capability. The client sorts the rows.
UNWIND $accountIds AS accountId
MATCH (:Account {accountId: accountId})-[:MADE]->(r:Request)
WITH (r.ts.epochMillis / $bucketMs) * $bucketMs AS bucketMs, r.model AS model, r.capability AS capability
RETURN bucketMs, model, capability, count(*) AS requests
