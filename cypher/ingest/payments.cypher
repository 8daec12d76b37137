// One batch of payments ($rows, de-duplicated by the client on (accountId, instrumentFingerprint), first
// row wins). Nodes first, then the relationship. A pair already present changes nothing.
// Returns how many (account, instrument) pairs the batch added.
UNWIND $rows AS row
MERGE (a:Account {accountId: row.accountId})
MERGE (i:Instrument {fingerprint: row.instrumentFingerprint})
WITH row, a, i
OPTIONAL MATCH (a)-[existing:PAID_WITH]->(i)
WITH row, a, i, existing IS NULL AS isNew
MERGE (a)-[p:PAID_WITH]->(i)
  ON CREATE SET p.kind = row.kind,
                p.bin = row.bin,
                p.issuerCountry = row.issuerCountry,
                p.firstSeen = datetime(row.firstSeen)
RETURN count(CASE WHEN isNew THEN 1 END) AS created
