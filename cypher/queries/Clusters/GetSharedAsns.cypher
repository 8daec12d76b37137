// ASNs seen in sessions of at least two of the accounts in $accountIds: how many of them (inside) and how
// many other accounts (outside), with the ASN's organisation (greatest name seen), largest first, at most 50.
UNWIND $accountIds AS accountId
MATCH (:Account {accountId: accountId})-[:HAD_SESSION]->(s:Session)
WHERE s.asn IS NOT NULL
WITH s.asn AS asn, count(DISTINCT accountId) AS inside
WHERE inside >= 2
CALL (asn) {
  MATCH (s:Session {asn: asn})
  RETURN count(DISTINCT s.accountId) AS total, max(s.asnOrg) AS asnOrg
}
RETURN asn, asnOrg, inside, total - inside AS outside
ORDER BY inside DESC, asn
LIMIT 50
