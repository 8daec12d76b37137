// The raw sessions of the accounts in $accountIds. The client aggregates them per (account, IP) and
// derives the per-IP attributes, with the same rules as every other store.
UNWIND $accountIds AS accountId
MATCH (:Account {accountId: accountId})-[:HAD_SESSION]->(s:Session)
RETURN accountId,
       s.ip AS ip,
       s.seenAt.epochMillis AS seenAtMs,
       s.asn AS asn,
       s.asnOrg AS asnOrg,
       s.ipType AS ipType
