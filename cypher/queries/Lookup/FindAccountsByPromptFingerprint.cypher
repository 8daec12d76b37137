// Accounts that sent a request with prompt-template fingerprint $value, at most $limit in ordinal order.
MATCH (r:Request {promptFingerprint: $value})
RETURN DISTINCT r.accountId AS accountId
ORDER BY accountId
LIMIT $limit
