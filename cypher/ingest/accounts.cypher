// One batch of accounts ($rows, at most 10k, de-duplicated by the client keeping the last row per id).
// A later row for the same account replaces its attributes. Nodes created by payments, sessions or
// requests before the account's own row ("stub" accounts without createdAt) are filled in and counted
// as new here. Returns how many accounts the batch added.
UNWIND $rows AS row
OPTIONAL MATCH (existing:Account {accountId: row.accountId})
WITH row, existing IS NULL OR existing.createdAt IS NULL AS isNew
MERGE (a:Account {accountId: row.accountId})
SET a.createdAt = datetime(row.createdAt),
    a.emailDomain = row.emailDomain,
    a.emailHash = row.emailHash,
    a.displayName = row.displayName,
    a.orgName = row.orgName,
    a.accessPathway = row.accessPathway,
    a.country = row.country,
    a.status = row.status
RETURN count(CASE WHEN isNew THEN 1 END) AS created
