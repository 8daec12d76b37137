// One account as an investigator sees it: attributes, payment instruments, IPs and request volume.
MATCH (a:Account {accountId: $accountId})
RETURN a.accountId AS accountId,
       a.createdAt AS createdAt,
       a.emailDomain AS emailDomain,
       a.orgName AS orgName,
       a.accessPathway AS accessPathway,
       a.country AS country,
       a.status AS status,
       COLLECT { MATCH (a)-[:PAID_WITH]->(i:Instrument) RETURN i.fingerprint ORDER BY i.fingerprint } AS instruments,
       COLLECT { MATCH (a)-[:HAD_SESSION]->(:Session)-[:FROM_IP]->(ip:Ip) RETURN DISTINCT ip.address ORDER BY ip.address } AS ips,
       COUNT { (a)-[:MADE]->(:Request) } AS requests
