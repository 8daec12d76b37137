// The profile of each account in $accountIds that has a node (stub accounts, named only by payments,
// sessions or requests, come back with createdAtMs and accessPathway null). Payments and sessions are
// read with the projection statements; request statistics with GetRequestTotals/GetRequestBreakdown.
UNWIND $accountIds AS accountId
MATCH (a:Account {accountId: accountId})
RETURN a.accountId AS accountId,
       a.createdAt.epochMillis AS createdAtMs,
       a.emailDomain AS emailDomain,
       a.orgName AS orgName,
       a.accessPathway AS accessPathway,
       a.country AS country,
       a.status AS status
