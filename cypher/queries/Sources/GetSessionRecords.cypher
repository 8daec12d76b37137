// Every session row of each (accountId, ip) pair in $pairs. The client orders them by time.
UNWIND $pairs AS pair
MATCH (:Account {accountId: pair.accountId})-[:HAD_SESSION]->(s:Session)
WHERE s.ip = pair.ip
RETURN pair.accountId AS accountId,
       pair.ip AS ip,
       s.seenAt.epochMillis AS seenAtMs,
       s.asn AS asn,
       s.asnOrg AS asnOrg,
       s.ipType AS ipType
