// IPs used (in a session or by a request) by at least two of the accounts in $accountIds: how many of
// them used it (inside) and how many other accounts did (outside), largest first, at most 50.
UNWIND $accountIds AS accountId
CALL (accountId) {
  MATCH (:Account {accountId: accountId})-[:HAD_SESSION]->(s:Session) RETURN s.ip AS ip
  UNION
  MATCH (:Account {accountId: accountId})-[:MADE]->(r:Request) WHERE r.ip IS NOT NULL RETURN r.ip AS ip
}
WITH ip, count(DISTINCT accountId) AS inside
WHERE inside >= 2
CALL (ip) {
  CALL (ip) {
    MATCH (a:Account)-[:HAD_SESSION]->(:Session)-[:FROM_IP]->(:Ip {address: ip}) RETURN a.accountId AS user
    UNION
    MATCH (r:Request {ip: ip}) RETURN r.accountId AS user
  }
  RETURN count(user) AS total
}
RETURN ip AS value, inside, total - inside AS outside
ORDER BY inside DESC, value
LIMIT 50
