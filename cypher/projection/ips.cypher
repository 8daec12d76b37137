// One page of IPs seen in sessions, in ordinal order of address after $after. Each field comes from the
// most recent session that carries a value for it (greatest seenAt, ties to the smallest accountId):
// the feed is noisy and changes over time, and this rule is the same in every store.
MATCH (ip:Ip)
WHERE ip.address > $after
WITH ip
ORDER BY ip.address
LIMIT $limit
CALL (ip) {
  MATCH (ip)<-[:FROM_IP]-(s:Session)
  WITH s
  ORDER BY s.seenAt DESC, s.accountId ASC
  RETURN head(collect(s.asn)) AS asn,
         head(collect(s.asnOrg)) AS asnOrg,
         head(collect(s.ipType)) AS ipType
}
RETURN ip.address AS address, asn, asnOrg, ipType
