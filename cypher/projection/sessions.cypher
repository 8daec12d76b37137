// Sessions of the accounts in $accountIds, aggregated per (account, IP): count, first and last sighting.
UNWIND $accountIds AS accountId
MATCH (:Account {accountId: accountId})-[:HAD_SESSION]->(s:Session)
WITH accountId, s.ip AS ip, count(s) AS sessions, min(s.seenAt) AS firstSeen, max(s.seenAt) AS lastSeen
RETURN accountId,
       ip,
       sessions,
       firstSeen.epochMillis AS firstSeenMs,
       lastSeen.epochMillis AS lastSeenMs
