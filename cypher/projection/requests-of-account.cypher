// One page of the requests of one account with more requests than a page holds, in rowId order after
// $after (keyset pagination on the unique rowId index). The client sorts the account's rows afterwards.
MATCH (:Account {accountId: $accountId})-[:MADE]->(r:Request)
WHERE r.rowId > $after
WITH r
ORDER BY r.rowId
LIMIT $limit
RETURN $accountId AS accountId,
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
