// Requests of each account in $accountIds counted per model, per capability and per IP (dimension
// 'model', 'capability' or 'ip'); requests without a capability or an IP are not counted there.
UNWIND $accountIds AS accountId
MATCH (:Account {accountId: accountId})-[:MADE]->(r:Request)
UNWIND [['model', r.model], ['capability', r.capability], ['ip', r.ip]] AS pair
WITH accountId, pair[0] AS dimension, pair[1] AS value
WHERE value IS NOT NULL
RETURN accountId, dimension, value, count(*) AS requests
