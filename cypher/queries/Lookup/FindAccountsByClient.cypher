// Accounts that sent a request with client $value, at most $limit in ordinal order.
MATCH (r:Request {client: $value})
RETURN DISTINCT r.accountId AS accountId
ORDER BY accountId
LIMIT $limit
