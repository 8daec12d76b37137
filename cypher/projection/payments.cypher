// Payments of the accounts in $accountIds: one row per (account, instrument).
UNWIND $accountIds AS accountId
MATCH (:Account {accountId: accountId})-[p:PAID_WITH]->(i:Instrument)
RETURN accountId,
       i.fingerprint AS instrument,
       p.kind AS kind,
       p.bin AS bin,
       p.issuerCountry AS issuerCountry,
       p.firstSeen.epochMillis AS firstSeenMs
