// One batch of accounts ($rows, at most 10k, de-duplicated by the client keeping the last row per id).
// A later row for the same account replaces its attributes. Nodes created by payments, sessions or
// requests before the account's own row ("stub" accounts without createdAt) are filled in. Returns how
// many accounts the batch added or changed (an identical row changes nothing and is not counted).
UNWIND $rows AS row
OPTIONAL MATCH (e:Account {accountId: row.accountId})
WITH row, datetime(row.createdAt) AS createdAt, e
WITH row, createdAt,
     e IS NULL OR e.createdAt IS NULL
     OR NOT (e.createdAt = createdAt
             AND coalesce(e.emailDomain = row.emailDomain, e.emailDomain IS NULL AND row.emailDomain IS NULL)
             AND coalesce(e.emailHash = row.emailHash, e.emailHash IS NULL AND row.emailHash IS NULL)
             AND coalesce(e.displayName = row.displayName, e.displayName IS NULL AND row.displayName IS NULL)
             AND coalesce(e.orgName = row.orgName, e.orgName IS NULL AND row.orgName IS NULL)
             AND e.accessPathway = row.accessPathway
             AND coalesce(e.country = row.country, e.country IS NULL AND row.country IS NULL)
             AND coalesce(e.status = row.status, e.status IS NULL AND row.status IS NULL)) AS changed
MERGE (a:Account {accountId: row.accountId})
SET a.createdAt = createdAt,
    a.emailDomain = row.emailDomain,
    a.emailHash = row.emailHash,
    a.displayName = row.displayName,
    a.orgName = row.orgName,
    a.accessPathway = row.accessPathway,
    a.country = row.country,
    a.status = row.status
RETURN count(CASE WHEN changed THEN 1 END) AS created
