// One page of accounts in ordinal order of accountId, after $after (keyset pagination on the unique
// index), with the number of requests of each so the client can cut the request projection into pages
// of similar size (MADE only ever points at a Request, so the count needs no label check and comes from
// the degree store). Stub accounts (named by other records, no own row) have createdAtMs null.
MATCH (a:Account)
WHERE a.accountId > $after
WITH a
ORDER BY a.accountId
LIMIT $limit
RETURN a.accountId AS accountId,
       a.createdAt.epochMillis AS createdAtMs,
       a.accessPathway AS accessPathway,
       a.emailDomain AS emailDomain,
       a.emailHash AS emailHash,
       a.displayName AS displayName,
       a.orgName AS orgName,
       a.country AS country,
       a.status AS status,
       COUNT { (a)-[:MADE]->() } AS requests
