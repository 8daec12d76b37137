// Accounts that carry an identifier value (account id, email domain or hash, organisation, payment
// instrument or IP), each branch backed by an index, at most $limit in ordinal order.
CALL () {
  MATCH (a:Account {accountId: $value}) RETURN a
  UNION
  MATCH (a:Account {emailDomain: $value}) RETURN a
  UNION
  MATCH (a:Account {emailHash: $value}) RETURN a
  UNION
  MATCH (a:Account {orgName: $value}) RETURN a
  UNION
  MATCH (a:Account)-[:PAID_WITH]->(:Instrument {fingerprint: $value}) RETURN a
  UNION
  MATCH (a:Account)-[:HAD_SESSION]->(:Session)-[:FROM_IP]->(:Ip {address: $value}) RETURN a
}
RETURN a.accountId AS accountId
ORDER BY accountId
LIMIT $limit
