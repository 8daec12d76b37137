// One batch of sessions ($rows, de-duplicated by the client on sessionKey = accountId, ip, seenAt).
// Nodes first (account, IP, session), then relationships. A session already present changes nothing.
// Returns how many sessions the batch added.
UNWIND $rows AS row
OPTIONAL MATCH (existing:Session {sessionKey: row.sessionKey})
WITH row, existing IS NULL AS isNew
MERGE (a:Account {accountId: row.accountId})
MERGE (ip:Ip {address: row.ip})
MERGE (s:Session {sessionKey: row.sessionKey})
  ON CREATE SET s.accountId = row.accountId,
                s.ip = row.ip,
                s.seenAt = datetime(row.seenAt),
                s.asn = row.asn,
                s.asnOrg = row.asnOrg,
                s.ipType = row.ipType
MERGE (a)-[:HAD_SESSION]->(s)
MERGE (s)-[:FROM_IP]->(ip)
RETURN count(CASE WHEN isNew THEN 1 END) AS created
