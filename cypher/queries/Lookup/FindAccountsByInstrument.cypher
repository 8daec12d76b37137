// Accounts that paid with the instrument fingerprint $value, at most $limit in ordinal order.
MATCH (a:Account)-[:PAID_WITH]->(:Instrument {fingerprint: $value})
RETURN DISTINCT a.accountId AS accountId
ORDER BY accountId
LIMIT $limit
