// The account rows of $accountIds as ingested (accounts that only other records name have no row).
UNWIND $accountIds AS accountId
MATCH (a:Account {accountId: accountId})
WHERE a.createdAt IS NOT NULL
RETURN a.accountId AS accountId,
       a.createdAt.epochMillis AS createdAtMs,
       a.emailDomain AS emailDomain,
       a.emailHash AS emailHash,
       a.displayName AS displayName,
       a.orgName AS orgName,
       a.accessPathway AS accessPathway,
       a.country AS country,
       a.status AS status
