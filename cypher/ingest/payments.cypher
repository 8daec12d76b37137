// One batch of payments ($rows, de-duplicated by the client on (accountId, instrumentFingerprint) keeping
// the earliest row). Nodes first, then the relationship. The earliest sighting of a pair wins: a row
// replaces the stored one only when its firstSeen is earlier, or equal with a smaller tieKey (kind, bin,
// issuer country, built by the client), so the result does not depend on ingest order.
// Returns how many pairs the batch added or replaced.
UNWIND $rows AS row
MERGE (a:Account {accountId: row.accountId})
MERGE (i:Instrument {fingerprint: row.instrumentFingerprint})
WITH row, a, i, datetime(row.firstSeen) AS firstSeen
OPTIONAL MATCH (a)-[e:PAID_WITH]->(i)
WITH row, a, i, firstSeen,
     e IS NULL OR firstSeen < e.firstSeen OR (firstSeen = e.firstSeen AND row.tieKey < e.tieKey) AS wins
MERGE (a)-[p:PAID_WITH]->(i)
FOREACH (ignored IN CASE WHEN wins THEN [1] ELSE [] END |
  SET p.kind = row.kind,
      p.bin = row.bin,
      p.issuerCountry = row.issuerCountry,
      p.firstSeen = firstSeen,
      p.tieKey = row.tieKey)
RETURN count(CASE WHEN wins THEN 1 END) AS created
