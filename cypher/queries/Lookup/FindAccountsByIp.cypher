// Accounts that used IP $value in a session or sent a request from it, at most $limit in ordinal order.
CALL () {
  MATCH (a:Account)-[:HAD_SESSION]->(:Session)-[:FROM_IP]->(:Ip {address: $value}) RETURN a.accountId AS accountId
  UNION
  MATCH (r:Request {ip: $value}) RETURN r.accountId AS accountId
}
RETURN accountId
ORDER BY accountId
LIMIT $limit
