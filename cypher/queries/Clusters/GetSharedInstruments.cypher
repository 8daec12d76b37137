// Payment instruments used by at least two of the accounts in $accountIds: how many of them use it
// (inside) and how many other accounts do (outside), largest first, at most 50.
UNWIND $accountIds AS accountId
MATCH (:Account {accountId: accountId})-[:PAID_WITH]->(i:Instrument)
WITH i, count(*) AS inside
WHERE inside >= 2
WITH i, inside, COUNT { (:Account)-[:PAID_WITH]->(i) } AS total
RETURN i.fingerprint AS value, inside, total - inside AS outside
ORDER BY inside DESC, value
LIMIT 50
